/**
 * Payment markup a journey can reuse: the receipt, the page that posts the browser to a gateway
 * (Mellat wants `RefId` posted; without JavaScript the person presses the button), and the plain
 * result page shown after a callback when the purpose names no page of its own.
 */
import { h, Fragment } from '../jsx.js';
import { Layout } from './layout.js';
import { Notice } from './form.js';
import { formatMessage } from '../../phrases/fa.js';
import { formatRials } from '../../domain/money.js';
import { formatJalaliDateTime } from '../../domain/jalali.js';
import type { BrowserInstruction } from '../../registries/payment/port.js';
import { outcomeCode, type CallbackOutcome, type Receipt } from '../../payments/model.js';

const gatewayNames: Record<Receipt['gateway'], string> = {
  mellat: 'به‌پرداخت ملت',
  zarinpal: 'زرین‌پال',
  simulator: 'درگاه شبیه‌سازی‌شده',
  none: '—',
};

/** The receipt: amount, time, and the gateway's reference numbers (what support asks for). */
export function ReceiptList(p: { receipt: Receipt }) {
  const r = p.receipt;
  if (r.waived) {
    return (
      <dl class="summary-list">
        <div class="summary-list__row">
          <dt>هزینه</dt>
          <dd>بخشوده (بدون پرداخت)</dd>
        </div>
        <div class="summary-list__row">
          <dt>کد معرف</dt>
          <dd dir="ltr">{r.waivedBy ?? ''}</dd>
        </div>
        <div class="summary-list__row">
          <dt>زمان ثبت</dt>
          <dd>{formatJalaliDateTime(r.paidAt)}</dd>
        </div>
      </dl>
    );
  }
  return (
    <dl class="summary-list">
      <div class="summary-list__row">
        <dt>مبلغ</dt>
        <dd>{formatRials(r.amountRials)}</dd>
      </div>
      <div class="summary-list__row">
        <dt>زمان پرداخت</dt>
        <dd>{formatJalaliDateTime(r.paidAt)}</dd>
      </div>
      <div class="summary-list__row">
        <dt>درگاه</dt>
        <dd>{gatewayNames[r.gateway]}</dd>
      </div>
      <div class="summary-list__row">
        <dt>شماره مرجع (کد رهگیری بانک)</dt>
        <dd dir="ltr">{r.referenceId ?? '—'}</dd>
      </div>
      <div class="summary-list__row">
        <dt>شماره سفارش</dt>
        <dd dir="ltr">{String(r.orderNumber)}</dd>
      </div>
      {r.cardPan ? (
        <div class="summary-list__row">
          <dt>کارت</dt>
          <dd dir="ltr">{r.cardPan}</dd>
        </div>
      ) : null}
    </dl>
  );
}

/** The page that posts the browser to the gateway (for a POST instruction). */
export function GatewayRedirectPage(p: { browser: BrowserInstruction & { method: 'POST' }; devTools: boolean }) {
  return (
    <Layout title="انتقال به درگاه پرداخت" devTools={p.devTools}>
      <h1>انتقال به درگاه پرداخت</h1>
      <p>برای پرداخت هزینه به درگاه بانک می‌روید و پس از پرداخت یا انصراف به همین سامانه بازمی‌گردید.</p>
      <form method="post" action={p.browser.url}>
        {Object.entries(p.browser.fields).map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))}
        <button type="submit" class="button">
          رفتن به درگاه پرداخت
        </button>
      </form>
    </Layout>
  );
}

/** After a callback, when the purpose has no page of its own. */
export function PaymentResultPage(p: { outcome: CallbackOutcome; receipt: Receipt | null; devTools: boolean }) {
  const code = outcomeCode(p.outcome);
  return (
    <Layout title="نتیجه پرداخت" devTools={p.devTools}>
      <h1>نتیجه پرداخت</h1>
      {code ? (
        <Notice kind={p.outcome === 'pending' ? 'info' : 'warning'}>
          <p>{formatMessage(code)}</p>
        </Notice>
      ) : (
        <Fragment>
          <Notice kind="success">
            <p>پرداخت انجام و تایید شد. این رسید را نگه دارید.</p>
          </Notice>
          {p.receipt ? <ReceiptList receipt={p.receipt} /> : null}
        </Fragment>
      )}
    </Layout>
  );
}
