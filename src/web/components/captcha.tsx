import { h } from '../jsx.js';
import { formatMessage } from '../../phrases/fa.js';
import { ui } from '../../phrases/ui.js';
import type { CaptchaIssue } from '../../security/captcha-service.js';
import { minutesCeil } from '../../flows/outcome.js';
import { Notice, TextField, fieldId } from './form.js';

/**
 * The captcha field. With this network's captcha budget spent the form still renders: the
 * message says when a new image can be asked for, and the "new image" button keeps what was typed.
 */
export function Captcha(p: { captcha: CaptchaIssue | undefined; error?: string | undefined }) {
  const c = p.captcha ?? { ok: false, retryAfterMs: 0 };
  if (!c.ok) {
    return (
      <fieldset class="field" id={fieldId('captcha')} tabindex="-1" data-captcha="unavailable">
        <legend>{ui.captcha}</legend>
        <Notice kind="warning">
          <p>{formatMessage('captcha.rate_limited', { minutes: minutesCeil(c.retryAfterMs) })}</p>
        </Notice>
        <button type="submit" name="_action" value="new_captcha" class="link-button" formnovalidate>
          {ui.newCaptcha}
        </button>
      </fieldset>
    );
  }
  return (
    <TextField
      name="captcha"
      label={ui.captcha}
      hint={ui.captchaHint}
      error={p.error}
      ltr
      inputmode="numeric"
      maxlength={8}
      required
    >
      <input type="hidden" name="captcha_id" value={c.id} />
      <div class="captcha">
        <img src={`/captcha/${c.id}.svg`} alt={ui.captchaAlt} width="150" height="50" />
        <button type="submit" name="_action" value="new_captcha" class="link-button" formnovalidate>
          {ui.newCaptcha}
        </button>
      </div>
    </TextField>
  );
}
