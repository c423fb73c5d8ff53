import { h, Fragment } from '../web/jsx.js';
import { CodeField, ResendCodeForm, errorFor } from '../web/components/form.js';
import { CodeDeliveryStatus } from '../web/components/code-delivery.js';
import { ui } from '../phrases/ui.js';
import { minutesCeil } from '../flows/outcome.js';
import { codeDelivery, resendWaitMs, type CodeDelivery } from '../flows/sms-code.js';
import type { Services } from '../services.js';
import type { StepView } from './engine/types.js';

/**
 * The page of a step that takes an SMS code sent for its flow (subject: the flow's id): how the
 * SMS is doing, how long the code lasts, the code box, and the resend form after the cooldown.
 */
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
