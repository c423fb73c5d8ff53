import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { defineJourney, defineStep } from '../../src/journeys/engine/types.js';
import { submit } from '../../src/journeys/engine/run.js';
import { resume, waitHandlers } from '../../src/journeys/engine/waits.js';
import { loadJourneyFlow } from '../../src/journeys/engine/flows.js';
import { defineJob, enqueueJob } from '../../src/jobs/typed.js';
import { JobWorker, RetryLater } from '../../src/jobs/queue.js';
import { h } from '../../src/web/jsx.js';

/** A small journey that waits for a background check, as registration waits for the registry. */
const checkJob = defineJob('test.check', z.object({ flowId: z.uuid(), verdict: z.enum(['yes', 'no']) }));
type Data = { name: string | null; verdict: string | null };

const ask = defineStep<Data, { name: z.ZodString }, undefined>({
  key: 'ask',
  stage: 'نام',
  title: 'نام',
  input: z.object({ name: z.string().max(40) }),
  next: ['checking'],
  async commit(ctx, _flow, input) {
    // the job is queued in the step's transaction: it exists exactly when the move commits
    await enqueueJob(
      ctx.trx,
      ctx.s.clock,
      checkJob,
      { flowId: ctx.flowId, verdict: input.name ? 'yes' : 'no' },
      {
        key: `check:${ctx.flowId}`,
      },
    );
    return { ok: true, state: 'checking', data: { name: input.name, verdict: null } };
  },
  body: () => h('p', null),
});

const journey = defineJourney<Data>({
  kind: 'test_wait',
  title: 'آزمون',
  basePath: '/test-wait',
  apiPath: '/api/test-wait',
  apiTag: 'test',
  access: 'anonymous',
  ttlMs: () => 60 * 60_000,
  data: z.object({ name: z.string().nullable(), verdict: z.string().nullable() }),
  initial: () => ({ name: null, verdict: null }),
  steps: [ask],
  waits: {
    checking: {
      job: checkJob,
      next: ['accepted', 'refused'],
      title: 'در حال بررسی',
      body: () => h('p', null, 'در حال بررسی'),
      async handle(_ctx, flow, event) {
        return {
          ok: true,
          state: event.verdict === 'yes' ? 'accepted' : 'refused',
          data: { ...flow.data, verdict: event.verdict },
        };
      },
    },
  },
  ends: [
    { state: 'accepted', redirect: () => '/' },
    { state: 'refused', redirect: () => '/' },
  ],
});

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(async () => t.close());

const ctx = () => ({
  s: t.services,
  principal: { kind: 'anonymous' as const },
  ip: '127.0.0.1',
  secret: 'client-secret-client-secret',
});

test('a waiting state moves on when its job runs, in one transaction, once', async () => {
  const out = await submit(t.services, journey, ask, null, { name: 'مریم' }, ctx());
  assert.ok(out.ok);
  assert.equal(out.flow.state, 'checking');
  const worker = new JobWorker(t.services.db, t.clock, waitHandlers(t.services, journey));
  assert.equal(await worker.drain(), 1);
  const loaded = await loadJourneyFlow(t.services, journey, out.flow.id, 'client-secret-client-secret');
  assert.ok(loaded.ok);
  assert.equal(loaded.flow.state, 'accepted');
  assert.equal(loaded.flow.data.verdict, 'yes');
  // a repeated or late event (a second delivery, another verdict) changes nothing
  assert.equal(
    await resume(t.services, journey, out.flow.id, 'checking', { flowId: out.flow.id, verdict: 'no' }),
    'ignored',
  );
  const again = await loadJourneyFlow(t.services, journey, out.flow.id, 'client-secret-client-secret');
  assert.ok(again.ok && again.flow.state === 'accepted');
  // queueing the same job again adds none
  assert.equal(
    await enqueueJob(
      t.services.db,
      t.clock,
      checkJob,
      { flowId: out.flow.id, verdict: 'no' },
      { key: `check:${out.flow.id}` },
    ),
    null,
  );
});

test('two deliveries at once: one moves the flow, the other is a no-op', async () => {
  const out = await submit(t.services, journey, ask, null, { name: '' }, ctx());
  assert.ok(out.ok);
  const event = { flowId: out.flow.id, verdict: 'no' as const };
  const results = await Promise.all([
    resume(t.services, journey, out.flow.id, 'checking', event),
    resume(t.services, journey, out.flow.id, 'checking', event),
  ]);
  assert.deepEqual(results.sort(), ['ignored', 'moved']);
});

/** A wait whose slow part (a registry, a gateway's verify) runs outside the transaction, and retries. */
const slowJob = defineJob('test.slow', z.object({ flowId: z.uuid() }));
const checks: number[] = [];
const slow = defineJourney<Data>({
  ...journey,
  kind: 'test_wait_slow',
  basePath: '/test-wait-slow',
  apiPath: '/api/test-wait-slow',
  steps: [
    defineStep<Data, { name: z.ZodString }, undefined>({
      ...ask,
      async commit(ctx, _flow, input) {
        await enqueueJob(ctx.trx, ctx.s.clock, slowJob, { flowId: ctx.flowId }, { key: `slow:${ctx.flowId}` });
        return { ok: true, state: 'checking', data: { name: input.name, verdict: null } };
      },
    }),
  ],
  waits: {
    checking: {
      job: slowJob,
      next: ['accepted'],
      title: 'در حال بررسی',
      body: () => h('p', null),
      ttlMs: () => 5 * 60 * 60_000,
      async check(ctx) {
        checks.push(ctx.attempt);
        // the registry is down the first time: the job runs again later
        if (ctx.attempt === 1) throw new RetryLater(1000, 'down');
        return 'yes';
      },
      async handle(_ctx, flow, _event, checked: string) {
        return { ok: true, state: 'accepted', data: { ...flow.data, verdict: checked } };
      },
    },
  },
});

test('a wait may check outside the transaction, retry later, and wait as long as it declares', async () => {
  const out = await submit(t.services, slow, slow.steps[0]!, null, { name: 'نرگس' }, ctx());
  assert.ok(out.ok);
  assert.equal(out.flow.expiresAt.getTime(), t.clock.now().getTime() + 5 * 60 * 60_000);
  const worker = new JobWorker(t.services.db, t.clock, waitHandlers(t.services, slow));
  await worker.drain();
  let loaded = await loadJourneyFlow(t.services, slow, out.flow.id, 'client-secret-client-secret');
  assert.ok(loaded.ok && loaded.flow.state === 'checking', 'still waiting after the failed check');
  t.clock.advance(2000);
  await worker.drain();
  loaded = await loadJourneyFlow(t.services, slow, out.flow.id, 'client-secret-client-secret');
  assert.ok(loaded.ok);
  assert.equal(loaded.flow.state, 'accepted');
  assert.equal(loaded.flow.data.verdict, 'yes', 'handle got what check answered');
  assert.deepEqual(checks, [1, 2]);
  // a late delivery is a no-op and asks nobody
  assert.equal(await resume(t.services, slow, out.flow.id, 'checking', { flowId: out.flow.id }), 'ignored');
  assert.deepEqual(checks, [1, 2]);
});
