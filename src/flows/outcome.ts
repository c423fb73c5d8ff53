import type { FieldError, ErrorCode } from '../errors/catalogue.js';
import type { AltchaVerdict } from '../security/altcha.js';

export const fieldError = (
  field: string | null,
  code: ErrorCode,
  params?: Record<string, string | number>,
): FieldError => (params ? { field, code, params } : { field, code });

/** Raw form or JSON input: every value a string (missing fields read as ''). */
export type Input = Record<string, string | undefined>;
export const str = (input: Input, key: string): string => cutText(input[key] ?? '', 500);

/** The first `max` UTF-16 units, without half of a surrogate pair at the cut (jsonb refuses one). */
export function cutText(v: string, max: number): string {
  const cut = v.slice(0, max);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

export const minutesCeil = (ms: number) => Math.max(1, Math.ceil(ms / 60_000));
/** A configured duration in whole minutes / hours, for the text that states it. */
export const wholeMinutes = (ms: number) => Math.max(1, Math.round(ms / 60_000));
export const wholeHours = (ms: number) => Math.max(1, Math.round(ms / 3_600_000));

/** Checks either proof a form may carry: the image's answer, or a solved automatic challenge. */
export interface CaptchaChecker {
  check(id: unknown, answer: unknown): Promise<boolean>;
  checkAltcha(payload: unknown): Promise<AltchaVerdict>;
}

/** Whether the input answers a challenge at all: a solved automatic check, or something typed for the image. */
export function captchaOffered(input: Input): boolean {
  return Boolean(input.altcha?.trim() || input.captcha?.trim());
}

/**
 * Uses up the captcha the form carried and says what is wrong with it, if anything. Callers check
 * it before looking anything up, and list its error after the form's other fields. A solved
 * automatic check (`altcha`, what the page's script sends where JavaScript runs) stands in for the
 * image; each proof is good once.
 */
export async function captchaError(captcha: CaptchaChecker, input: Input): Promise<FieldError | null> {
  if (input.altcha?.trim()) {
    const verdict = await captcha.checkAltcha(input.altcha);
    if (verdict === 'ok') return null;
    return fieldError('captcha', verdict === 'expired' ? 'captcha.proof_expired' : 'captcha.proof_invalid');
  }
  if (await captcha.check(input.captcha_id, input.captcha)) return null;
  return fieldError('captcha', str(input, 'captcha').trim() ? 'captcha.wrong' : 'captcha.required');
}

/**
 * A form of one field and a captcha: the captcha used up first (nothing may be probed by a
 * script), then both errors together, or the field's checked value.
 */
export async function captchaAndField<V>(
  captcha: CaptchaChecker,
  input: Input,
  field: string,
  checked: { ok: true; value: V } | { ok: false; error: ErrorCode },
): Promise<{ ok: true; value: V } | { ok: false; errors: FieldError[] }> {
  const wrong = await captchaError(captcha, input);
  const errors = [...(checked.ok ? [] : [fieldError(field, checked.error)]), ...(wrong ? [wrong] : [])];
  return checked.ok && !errors.length ? { ok: true, value: checked.value } : { ok: false, errors };
}
