import type { FastifyInstance } from 'fastify';
import type { Services } from '../services.js';
import type { ApiRegistry } from '../api/define.js';
import { h } from '../web/jsx.js';
import { Layout } from '../web/components/layout.js';
import { sendHtml } from '../web/http.js';
import { registerJourneyPages } from './engine/pages.js';
import { registerJourneyApi } from './engine/api.js';
import { journeyDiagram } from './engine/diagram.js';
import type { Journey } from './engine/types.js';
import { waitHandlers } from './engine/waits.js';
import type { JobHandler } from '../jobs/queue.js';
import { mobileChange } from './mobile-change/journey.js';
import { registration } from './registration/journey.js';
import { recovery } from './recovery/journey.js';
import { sejamTrackingCode } from './sejam-tracking-code/journey.js';
import { sejamRegistration } from './sejam/journey.js';
import { sejamProfileView } from './sejam-profile/journey.js';
import { sejamProfileEdit } from './sejam-edit/journey.js';

/** Every journey on the engine. A new journey is its folder plus one line here. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const journeys: readonly Journey<any>[] = [
  mobileChange,
  registration,
  recovery,
  sejamTrackingCode,
  sejamProfileView,
  sejamProfileEdit,
  sejamRegistration,
];

/** The job handlers of every state a journey waits in, for the worker. */
export function journeyJobHandlers(s: Services): Record<string, JobHandler> {
  return Object.assign({}, ...journeys.map((j) => waitHandlers(s, j)));
}

export function registerJourneys(app: FastifyInstance, api: ApiRegistry, s: Services): void {
  for (const j of journeys) {
    registerJourneyPages(app, s, j);
    registerJourneyApi(api, s, j);
  }
  if (!s.config.devTools) return;
  // developers read each journey's state diagram, drawn from its step table
  app.get<{ Params: { kind: string } }>('/dev/journeys/:kind', async (req, reply) => {
    const j = journeys.find((x) => x.kind === req.params.kind);
    if (!j) return reply.callNotFound();
    return sendHtml(
      reply,
      <Layout title={`نمودار حالت: ${j.title}`} devTools>
        <h1>{j.title}</h1>
        <p>
          نمودار حالت این مسیر، برگرفته از جدول مرحله‌های آن (<span dir="ltr">mermaid</span>):
        </p>
        <pre dir="ltr" class="mermaid">
          {journeyDiagram(j)}
        </pre>
      </Layout>,
    );
  });
}
