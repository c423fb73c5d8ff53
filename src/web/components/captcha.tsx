import { h } from '../jsx.js';
import { formatMessage } from '../../phrases/fa.js';
import { ui } from '../../phrases/ui.js';
import type { CaptchaIssue } from '../../security/captcha-service.js';
import type { AltchaOffer } from '../../security/altcha.js';
import { minutesCeil } from '../../flows/outcome.js';
import { Notice, TextField, fieldId } from './form.js';

/** Where public/app.js asks for a fresh automatic challenge before the page's one expires. */
const ALTCHA_RENEW_URL = '/api/v1/captcha/altcha';

/**
 * The automatic check, rendered `hidden`: public/app.js reveals it, hides the image field and
 * solves the challenge (nothing to see or type, so it works for blind people too). Without the
 * script it stays hidden and its empty field means "no proof": the image above is the way.
 */
function AutoCheck(p: { offer: AltchaOffer; error?: string | undefined }) {
  const id = `${fieldId('captcha')}-auto`;
  return (
    <div
      class={p.error ? 'field field--error altcha' : 'field altcha'}
      id={id}
      tabindex="-1"
      hidden
      data-altcha={JSON.stringify(p.offer.challenge)}
      data-altcha-renew={ALTCHA_RENEW_URL}
      data-altcha-renew-after={String(Math.max(30, Math.floor(p.offer.expiresInMs / 1000) - 60))}
      data-altcha-working={ui.altchaWorking}
      data-altcha-done={ui.altchaDone}
    >
      <p class="altcha__label">{ui.captcha}</p>
      <p class="hint">{ui.altchaHint}</p>
      {p.error ? (
        <p class="field-error" id={`${id}-error`}>
          <span class="visually-hidden">{ui.errorPrefix}</span>
          {p.error}
        </p>
      ) : null}
      <p class="altcha__status" role="status" data-altcha-status></p>
      <input type="hidden" name="altcha" value="" />
    </div>
  );
}

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
    <div class="captcha-box" data-captcha>
      <div data-captcha-image>
        <TextField
          name="captcha"
          label={ui.captcha}
          hint={ui.captchaHint}
          error={p.error}
          ltr
          inputmode="numeric"
          maxlength={20}
          required
          extra={{ 'data-digits': true }}
        >
          <input type="hidden" name="captcha_id" value={c.id} />
          <div class="captcha">
            <img src={`/captcha/${c.id}.svg`} alt={ui.captchaAlt} width="240" height="80" />
            <button type="submit" name="_action" value="new_captcha" class="link-button" formnovalidate>
              {ui.newCaptcha}
            </button>
          </div>
        </TextField>
      </div>
      {c.altcha ? <AutoCheck offer={c.altcha} error={p.error} /> : null}
      {/* only pages with a captcha pay for the solver */}
      {c.altcha ? <script src="/assets/altcha.js" defer></script> : null}
    </div>
  );
}
