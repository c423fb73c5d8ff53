import type { Services } from '../../services.js';
import type { Executor } from '../../db/database.js';
import { sms } from '../../phrases/fa.js';
import { sendCode } from '../../flows/sms-code.js';
import type { TxContext } from '../engine/types.js';

/**
 * The profile view's SMS code. It belongs to the mobile, not to the flow that asked for it: the
 * newest code on the owner's phone works in the owner's flow whoever asked for it, so requests
 * typed by somebody else cannot keep the owner out, and one cooldown covers every flow.
 */
export const VIEW_CODE_PURPOSE = 'sejam-view';
export const viewCodeSubject = (mobile: string) => `sejam-view:${mobile}`;

/** Whether any profile was registered with this mobile (a representative's may have several). */
async function mobileHasProfile(db: Executor, mobile: string): Promise<boolean> {
  const row = await db
    .selectFrom('sejam_profiles')
    .select('id')
    .where('mobile', '=', mobile)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * How long until another code may be asked for: the cooldown since the mobile's live code. Counted
 * from when it was issued, never from how its SMS is doing: a decoy code has no SMS, so a failed
 * one must not read differently.
 */
export async function codeWaitMs(s: Services, db: Executor, mobile: string): Promise<number> {
  const live = await s.otp.current(db, viewCodeSubject(mobile), VIEW_CODE_PURPOSE);
  if (!live) return 0;
  return Math.max(0, live.created_at.getTime() + s.config.limits.otpResendCooldownMs - s.clock.now().getTime());
}

/**
 * A new code for the mobile, through the platform's budgets (guesses, sends per mobile and per
 * IP). When no profile has the mobile the same code is issued and the same budgets charged, but
 * no SMS goes: every answer (the code page, its cooldown, "too many") is the same either way.
 */
export async function sendViewCode(ctx: TxContext, mobile: string) {
  const held = await mobileHasProfile(ctx.trx, mobile);
  return sendCode(ctx.s, ctx.trx, {
    subject: viewCodeSubject(mobile),
    purpose: VIEW_CODE_PURPOSE,
    mobile,
    nationalCode: null,
    ip: ctx.ip,
    ttlMs: ctx.s.config.limits.sejamViewOtpTtlMs,
    text: sms.sejamViewCode,
    silent: !held,
  });
}
