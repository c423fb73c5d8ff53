import { h, Fragment } from '../jsx.js';
import { ui } from '../../phrases/ui.js';
import type { CodeDelivery } from '../../flows/sms-code.js';
import { Notice } from './form.js';

/**
 * What a code page says about its SMS (see codeDelivery in flows/sms-code.ts): on its way, sent,
 * or failed with what to do. `mobile` is shown as given (the person typed it: they check it here).
 * `change` is where the number can be corrected; `otherWay` the last resort the page offers.
 */
export function CodeDeliveryStatus(p: {
  delivery: CodeDelivery | null;
  mobile: string;
  codeName: string;
  selfUrl: string;
  change?: { href: string; label: string };
  otherWay: string;
}) {
  const number = <span dir="ltr">{ui.digits(p.mobile)}</span>;
  if (p.delivery === 'failed') {
    return (
      <div data-delivery="failed">
        <Notice kind="error" title="پیامک ارسال نشد">
          <p>
            پیامک {p.codeName} به شماره {number} ارسال نشد؛ سامانه پیامک آن را نپذیرفت یا در چند بار تلاش نتوانست آن را
            برساند.
          </p>
          <ul>
            <li>
              درستی شماره را بررسی کنید.
              {p.change ? (
                <Fragment>
                  {' '}
                  اگر نادرست است، از <a href={p.change.href}>{p.change.label}</a> آن را اصلاح کنید.
                </Fragment>
              ) : null}
            </li>
            <li>اگر شماره درست است، همین حالا با «{ui.resendCode}» کد تازه بخواهید؛ لازم نیست صبر کنید.</li>
            <li>{p.otherWay}</li>
          </ul>
        </Notice>
      </div>
    );
  }
  if (p.delivery === 'sending') {
    return (
      <div data-delivery="sending">
        <p class="lead">
          پیامک {p.codeName} ۶ رقمی به شماره {number} در حال ارسال است.
        </p>
        <p class="hint">
          پیامک معمولا در چند لحظه می‌رسد. اگر نرسید، <a href={p.selfUrl}>وضعیت ارسال را دوباره ببینید</a>.
        </p>
      </div>
    );
  }
  return (
    <div data-delivery="sent">
      <p class="lead">
        {p.codeName} ۶ رقمی به شماره {number} پیامک شد. آن را وارد کنید.
      </p>
    </div>
  );
}
