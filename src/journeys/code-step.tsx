import { h, Fragment } from '../web/jsx.js';
import { CodeField, errorFor } from '../web/components/form.js';
import { CodeDeliveryStatus } from '../web/components/code-delivery.js';
import { ui } from '../phrases/ui.js';
import { fieldError, minutesCeil } from '../flows/outcome.js';
import { codeDelivery, resendCode, resendWaitMs, type CodeDelivery, type CodeRequest } from '../flows/sms-code.js';
import type { ActionDef, JourneyFlow, StepContext, StepView, TxContext } from './engine/types.js';

/**
 * What every "type the SMS code" step shares: the resend action, the facts its page and the API
 * show (how the SMS is doing, when a new one may go), and the fields.
 */
export function resendAction<D>(
  state: string,
  request: (ctx: TxContext, flow: JourneyFlow<D>) => Promise<CodeRequest | null> | CodeRequest | null,
): ActionDef<D> {
  return {
    summary: 'send a new SMS code (after the cooldown; at once when the last one failed)',
    async run(ctx, flow) {
      const r = flow.state === state ? await request(ctx, flow) : null;
      if (!r) return { ok: false, errors: [fieldError(null, 'flow.wrong_step')] };
      const sent = await resendCode(ctx.s, ctx.trx, r);
      return sent.ok
        ? { ok: true, state, data: flow.data }
        : { ok: false, errors: [fieldError('code', sent.code, sent.params)] };
    },
  };
}

/** The code's SMS (sending, sent, failed) and the seconds until a new one may be asked for. */
export async function codeFacts(ctx: StepContext, flowId: string, purpose: string) {
  return {
    delivery: await codeDelivery(ctx.s, ctx.s.db, flowId, purpose),
    resendWaitSeconds: Math.ceil((await resendWaitMs(ctx.s, ctx.s.db, flowId, purpose)) / 1000),
  };
}

/** The code box with what the person needs beside it: where the code went and what to do if it does not come. */
export function CodeStepFields<D>(p: { v: StepView<D>; otherWay: string }) {
  const { v } = p;
  return (
    <Fragment>
      {/* the person typed this number: it is shown in full, to be checked */}
      <CodeDeliveryStatus
        delivery={(v.extra.delivery as CodeDelivery | null | undefined) ?? null}
        mobile={String(v.extra.mobile ?? '')}
        codeName="کد تایید"
        selfUrl={v.action}
        otherWay={p.otherWay}
      />
      <p class="hint">
        کد تا {ui.digits(String(minutesCeil(v.s.config.limits.registrationOtpTtlMs)))} دقیقه معتبر است.
      </p>
      <CodeField label={ui.otpCode} error={errorFor(v.errors, 'code')} />
    </Fragment>
  );
}
