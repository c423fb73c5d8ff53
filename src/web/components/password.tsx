import { h, Fragment } from '../jsx.js';
import { ui } from '../../phrases/ui.js';
import { TextField } from './form.js';

/** Rules shown as a checklist under the password; the script ticks them live (enhancement only). */
const RULE_TEXT: Array<[string, string]> = [
  ['too_short', 'دست‌کم ۸ نویسه'],
  ['invalid_chars', 'فقط حروف و رقم‌های لاتین و & % $ # !'],
  ['must_start_with_letter', 'شروع با یک حرف لاتین'],
  ['needs_upper', 'دست‌کم یک حرف بزرگ'],
  ['needs_lower', 'دست‌کم یک حرف کوچک'],
  ['needs_digit', 'دست‌کم یک رقم'],
];

export function PasswordPair(p: {
  name?: string;
  repeatName?: string;
  label?: string;
  repeatLabel?: string;
  error?: string | undefined;
  repeatError?: string | undefined;
}) {
  const name = p.name ?? 'password';
  const repeat = p.repeatName ?? 'passwordRepeat';
  const helpId = `${name}-help`;
  return (
    <Fragment>
      <TextField
        name={name}
        label={p.label ?? ui.password}
        type="password"
        ltr
        required
        autocomplete="new-password"
        error={p.error}
        hint="نباید نام، نام خانوادگی یا کد ملی شما در آن باشد."
        extra={{ 'data-strength': helpId }}
      >
        <div class="password-help" id={helpId}>
          <div class="password-meter-wrap" hidden>
            <p class="password-meter__caption">{ui.passwordStrength}</p>
            <div class="password-meter">
              <div class="password-meter__bar"></div>
            </div>
            <p class="password-meter__label" aria-live="polite"></p>
          </div>
          <p class="rules-title">{ui.passwordConditions}</p>
          <ul class="rules">
            {RULE_TEXT.map(([rule, text]) => (
              <li data-rule={rule}>{text}</li>
            ))}
          </ul>
        </div>
      </TextField>
      <TextField
        name={repeat}
        label={p.repeatLabel ?? ui.repeatPassword}
        type="password"
        ltr
        required
        autocomplete="new-password"
        error={p.repeatError}
      />
      <div class="password-toggle checkbox" hidden>
        <input type="checkbox" id={`${name}-toggle`} data-toggle-password={`f-${name} f-${repeat}`} />
        <label for={`${name}-toggle`}>{ui.showPassword}</label>
      </div>
    </Fragment>
  );
}
