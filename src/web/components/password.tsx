import { h, Fragment } from '../jsx.js';
import { ui } from '../../phrases/ui.js';
import type { PasswordReport } from '../../domain/password-policy.js';
import { TextField } from './form.js';

/**
 * Rules shown as a checklist under the password; the script ticks them live (enhancement only),
 * and after a refused password the server marks them itself (pages without JavaScript).
 * contains_personal is server-only: the page may not know the person's name yet.
 */
const RULE_TEXT: Array<[string, string]> = [
  ['too_short', 'دست‌کم ۸ نویسه'],
  ['invalid_chars', 'فقط حروف و رقم‌های لاتین و & % $ # !'],
  ['must_start_with_letter', 'شروع با یک حرف لاتین'],
  ['needs_upper', 'دست‌کم یک حرف بزرگ'],
  ['needs_lower', 'دست‌کم یک حرف کوچک'],
  ['needs_digit', 'دست‌کم یک رقم'],
];
const PERSONAL_RULE: [string, string] = ['contains_personal', 'بدون نام، نام خانوادگی یا کد ملی شما'];

/** The bar's width class for a score (the CSP allows no inline style): tens, a sliver at least. */
const barStep = (score: number) => Math.max(10, Math.round(score / 10) * 10);

/** «۴۵٪»: the meter's percentage, as the script writes it too. */
export const percent = (score: number) => `${ui.digits(String(score))}٪`;

export function PasswordPair(p: {
  name?: string;
  repeatName?: string;
  label?: string;
  repeatLabel?: string;
  error?: string | undefined;
  repeatError?: string | undefined;
  /** The flow already holds a password: both fields may be left empty to keep it. */
  keep?: boolean;
  /** The server's verdict on the password just refused (shown without JavaScript too). */
  report?: PasswordReport | undefined;
  hint?: string;
  /** Rewords the component's own text (the forced change says «کلمه عبور»). */
  words?: ((text: string) => string) | undefined;
}) {
  const w = p.words ?? ((t: string) => t);
  const name = p.name ?? 'password';
  const repeat = p.repeatName ?? 'passwordRepeat';
  const helpId = `${name}-help`;
  const r = p.report;
  const failed = new Set((r?.failed ?? []).map((x) => x.replace('password.', '')));
  const rules = failed.has(PERSONAL_RULE[0]) ? [...RULE_TEXT, PERSONAL_RULE] : RULE_TEXT;
  const hint = [
    p.hint ?? 'نباید نام، نام خانوادگی یا کد ملی شما در آن باشد.',
    p.keep ? 'برای نگه داشتن گذرواژه‌ای که پیش‌تر تعیین کردید، این خانه و تکرار آن را خالی بگذارید.' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <Fragment>
      <TextField
        name={name}
        label={p.label ?? ui.password}
        type="password"
        ltr
        required={!p.keep}
        autocomplete="new-password"
        error={p.error}
        hint={w(hint)}
        extra={{ 'data-strength': helpId }}
      >
        <div class="password-help" id={helpId}>
          <div class="password-meter-wrap" hidden={!r} data-server-strength={r ? String(r.score) : undefined}>
            <p class="password-meter__caption">{w(ui.passwordStrength)}</p>
            <div class="password-meter">
              <div
                class={
                  r
                    ? `password-meter__bar password-meter__bar--${r.band} password-meter__bar--w${barStep(r.score)}`
                    : 'password-meter__bar'
                }
              ></div>
            </div>
            <p class="password-meter__value">{r ? percent(r.score) : ''}</p>
            <p class="password-meter__label" aria-live="polite">
              {r ? ui.passwordBands[r.band] : ''}
            </p>
          </div>
          <p class="rules-title">{w(ui.passwordConditions)}</p>
          <ul class="rules">
            {rules.map(([rule, text]) => (
              <li data-rule={rule} class={r ? (failed.has(rule) ? 'rule--bad' : 'rule--ok') : undefined}>
                {text}
                {r ? <span class="visually-hidden">{failed.has(rule) ? ui.ruleBroken : ui.ruleKept}</span> : null}
              </li>
            ))}
          </ul>
        </div>
      </TextField>
      <TextField
        name={repeat}
        label={p.repeatLabel ?? ui.repeatPassword}
        type="password"
        ltr
        required={!p.keep}
        autocomplete="new-password"
        error={p.repeatError}
      />
      <div class="password-toggle checkbox" hidden>
        <input type="checkbox" id={`${name}-toggle`} data-toggle-password={`f-${name} f-${repeat}`} />
        <label for={`${name}-toggle`}>{w(ui.showPassword)}</label>
      </div>
    </Fragment>
  );
}
