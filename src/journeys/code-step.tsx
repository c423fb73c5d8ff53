import { h, Fragment } from '../web/jsx.js';
import { CodeField, ResendCodeForm, errorFor } from '../web/components/form.js';
import { CodeDeliveryStatus } from '../web/components/code-delivery.js';
import { ui } from '../phrases/ui.js';
import { fieldError, minutesCeil } from '../flows/outcome.js';
import { codeDelivery, resendCode, resendWaitMs, type CodeDelivery, type CodeRequest } from '../flows/sms-code.js';
import type { Services } from '../services.js';
import type { ActionDef, JourneyFlow, StepView, TxContext } from './engine/types.js';

/**
 * What every step that takes an SMS code sent for its flow (subject: the flow's id) shares: the
 * resend action, the facts its page and the API show (how the SMS is doing, when a new one may
 * go), the fields (where the code went, how long it lasts, the code box) and the resend form.
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

export async function codePageLoad(s: Services, flowId: string, purpose: string, mobile: string | null) {
  return {
    mobile,
    delivery: await codeDelivery(s, s.db, flowId, purpose),
    resendWaitSeconds: Math.ceil((await resendWaitMs(s, s.db, flowId, purpose)) / 1000),
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function CodePageFields(p: { v: StepView<any>; codeName: string; otherWay: string }) {
  const { v } = p;
  return (
    <Fragment>
      {/* the person typed this number: it is shown in full, to be checked */}
      <CodeDeliveryStatus
        delivery={(v.extra.delivery as CodeDelivery | null | undefined) ?? null}
        mobile={String(v.extra.mobile ?? '')}
        codeName={p.codeName}
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

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const resendAfter = (v: StepView<any>) => (
  <ResendCodeForm action={v.action} csrf={v.csrf} waitSeconds={Number(v.extra.resendWaitSeconds ?? 0)} />
);
