/**
 * The simulated gateway's page (Persian, RTL, no JavaScript needed), served by the app for the
 * simulator (`/dev/gateway/…`) and by the simulation gateway server for its Mellat and Zarinpal
 * protocols. Framework-free: it takes the posted fields and answers a page or a redirect, so a
 * Fastify route and a bare `node:http` server can both serve it.
 *
 * The buyer pays with a card number, pays and closes the tab (the callback never comes), cancels,
 * or lets the page time out. The JSX runtime is the app's escaping one (a leaf module).
 */
import { h, Fragment, raw, type Child } from '../../web/jsx.js';
import { formatMessage } from '../../phrases/fa.js';
import { formatRials } from '../../domain/money.js';
import { formatJalaliDateTime } from '../../domain/jalali.js';
import type { BrowserInstruction } from './port.js';
import {
  MAGIC_CARD_DOWN,
  MAGIC_CARD_INSUFFICIENT,
  type BuyerAction,
  type Facade,
  type SimTransaction,
  type SimulatedBank,
} from './sim-bank.js';

export interface GatewayPageDeps {
  bank: SimulatedBank;
  facade: Facade;
  /** The gateway's name on the page, e.g. «درگاه شبیه‌سازی‌شده به‌پرداخت ملت». */
  title: string;
  /** Where the page's form posts (the same handler answers it). */
  formAction: string;
  /** Hidden fields that carry the token back (e.g. `{ RefId }`). */
  hidden: (tx: SimTransaction) => Record<string, string>;
  /** How the browser goes back to the merchant once the buyer is done. */
  callbackFor: (tx: SimTransaction) => BrowserInstruction;
  stylesheet?: string;
}

export type PageAnswer = { status: number; html: string } | { status: 303; location: string };

const ACTIONS: readonly BuyerAction[] = ['pay', 'pay_no_return', 'cancel', 'timeout'];

function Doc(p: { title: string; stylesheet?: string | undefined; children?: Child }) {
  return (
    <Fragment>
      {raw('<!doctype html>')}
      <html lang="fa" dir="rtl">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{p.title}</title>
          {p.stylesheet ? <link rel="stylesheet" href={p.stylesheet} /> : null}
        </head>
        <body>
          <main id="main" class="container container--narrow">
            {p.children}
          </main>
        </body>
      </html>
    </Fragment>
  );
}

const page = (deps: GatewayPageDeps, status: number, body: Child): PageAnswer => ({
  status,
  html: Doc({ title: deps.title, stylesheet: deps.stylesheet, children: body }).value,
});

function Hidden(p: { fields: Record<string, string> }) {
  return (
    <Fragment>
      {Object.entries(p.fields).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
    </Fragment>
  );
}

function PayForm(p: { deps: GatewayPageDeps; tx: SimTransaction; card: string; error: string | null }) {
  const { deps, tx } = p;
  return (
    <Fragment>
      <h1>{deps.title}</h1>
      <div class="notice notice--warning" role="status">
        <p>
          این درگاه شبیه‌ساز است و پولی جابه‌جا نمی‌شود. هر شماره کارت ۱۶ رقمی پرداخت می‌کند؛ کارت‌های آغازشده با{' '}
          <span dir="ltr">{MAGIC_CARD_INSUFFICIENT}</span> «موجودی ناکافی» و با <span dir="ltr">{MAGIC_CARD_DOWN}</span>{' '}
          «از دسترس خارج شدن درگاه هنگام تایید» را نشان می‌دهند.
        </p>
      </div>
      <dl class="summary-list">
        <div class="summary-list__row">
          <dt>پذیرنده</dt>
          <dd>{tx.description}</dd>
        </div>
        <div class="summary-list__row">
          <dt>مبلغ</dt>
          <dd>{formatRials(tx.amount_rials)}</dd>
        </div>
        <div class="summary-list__row">
          <dt>شماره سفارش</dt>
          <dd dir="ltr">{String(tx.order_number)}</dd>
        </div>
        <div class="summary-list__row">
          <dt>مهلت پرداخت</dt>
          <dd>{formatJalaliDateTime(tx.expires_at)}</dd>
        </div>
      </dl>
      <form method="post" action={deps.formAction} novalidate>
        <Hidden fields={deps.hidden(tx)} />
        {p.error ? (
          <div class="error-summary" role="alert" tabindex="-1">
            <h2 class="error-summary__title">لطفاً این مورد را درست کنید</h2>
            <ul>
              <li>
                <a href="#card">{p.error}</a>
              </li>
            </ul>
          </div>
        ) : null}
        <div class={p.error ? 'field field--error' : 'field'}>
          <label for="card">شماره کارت</label>
          <p class="hint" id="card-hint">
            ۱۶ رقم روی کارت؛ با فاصله یا بی‌فاصله.
          </p>
          {p.error ? (
            <p class="field-error" id="card-error">
              {p.error}
            </p>
          ) : null}
          <input
            id="card"
            name="card"
            class="input input--ltr"
            dir="ltr"
            inputmode="numeric"
            autocomplete="cc-number"
            value={p.card}
            aria-describedby={p.error ? 'card-hint card-error' : 'card-hint'}
          />
        </div>
        <div class="actions">
          <button type="submit" name="action" value="pay" class="button">
            پرداخت
          </button>
          <button type="submit" name="action" value="pay_no_return" class="button button--secondary">
            پرداخت و بستن صفحه (بدون بازگشت به پذیرنده)
          </button>
          <button type="submit" name="action" value="cancel" class="button button--secondary">
            انصراف
          </button>
          <button type="submit" name="action" value="timeout" class="button button--secondary">
            پایان مهلت (شبیه‌سازی)
          </button>
        </div>
      </form>
    </Fragment>
  );
}

const outcomeText: Record<string, string> = {
  paid: 'پرداخت انجام شد.',
  cancelled: 'پرداخت را لغو کردید.',
  insufficient_funds: 'موجودی کارت کافی نیست؛ پرداخت انجام نشد.',
  timeout: 'مهلت پرداخت به پایان رسید؛ پرداختی انجام نشد.',
};

function ReturnForm(p: { deps: GatewayPageDeps; tx: SimTransaction; to: BrowserInstruction & { method: 'POST' } }) {
  return (
    <Fragment>
      <h1>{p.deps.title}</h1>
      <div
        class={p.tx.state === 'paid' || p.tx.state === 'verified' ? 'notice notice--success' : 'notice notice--error'}
        role="status"
      >
        <p>{outcomeText[p.tx.result_code ?? ''] ?? 'این پرداخت پیش‌تر انجام شده است.'}</p>
      </div>
      <form method="post" action={p.to.url}>
        <Hidden fields={{ ...p.to.fields }} />
        <button type="submit" class="button">
          بازگشت به سایت پذیرنده
        </button>
      </form>
    </Fragment>
  );
}

/** Back to the merchant: a redirect (Zarinpal) or a form the buyer posts (Mellat, the simulator). */
function goBack(deps: GatewayPageDeps, tx: SimTransaction): PageAnswer {
  const to = deps.callbackFor(tx);
  if (to.method === 'GET') return { status: 303, location: to.url };
  return page(deps, 200, <ReturnForm deps={deps} tx={tx} to={to} />);
}

function notFound(deps: GatewayPageDeps): PageAnswer {
  return page(deps, 404, <p>این پرداخت پیدا نشد یا مهلت آن گذشته است.</p>);
}

/** The payment page for a token (a GET, or the merchant's first POST that carries the token). */
export async function gatewayPage(deps: GatewayPageDeps, token: string): Promise<PageAnswer> {
  const tx = await deps.bank.find(deps.facade, { token });
  if (!tx) return notFound(deps);
  if (tx.state !== 'pending') return closedPage(deps, tx);
  return page(deps, 200, <PayForm deps={deps} tx={tx} card="" error={null} />);
}

/** The buyer's choice on the page (`action`, `card`). */
export async function gatewayAct(
  deps: GatewayPageDeps,
  token: string,
  body: Readonly<Record<string, string | undefined>>,
): Promise<PageAnswer> {
  const action = ACTIONS.find((a) => a === body.action);
  if (!action) return gatewayPage(deps, token);
  const card = (body.card ?? '').slice(0, 40);
  const r = await deps.bank.act(deps.facade, token, action, card);
  if (r.kind === 'not_found') return notFound(deps);
  if (r.kind === 'card_invalid') {
    return page(deps, 400, <PayForm deps={deps} tx={r.tx} card={card} error={formatMessage('payment.card_format')} />);
  }
  if (r.kind === 'closed') return closedPage(deps, r.tx);
  if (!r.returns) {
    return page(
      deps,
      200,
      <div class="notice notice--success" role="status">
        <p>پرداخت انجام شد و این صفحه بسته شد؛ مرورگر به سایت پذیرنده بازنگشت (بازگشتی که هرگز نرسید).</p>
      </div>,
    );
  }
  return goBack(deps, r.tx);
}

/** A POST to the page: the merchant's first one (the token only) shows it; one with `action` acts. */
export function gatewayPost(
  deps: GatewayPageDeps,
  token: string,
  body: Readonly<Record<string, string | undefined>>,
): Promise<PageAnswer> {
  return body.action ? gatewayAct(deps, token.slice(0, 64), body) : gatewayPage(deps, token.slice(0, 64));
}

/** A page already used: the way back again, so the buyer (or a test) can bring the callback twice. */
async function closedPage(deps: GatewayPageDeps, tx: SimTransaction): Promise<PageAnswer> {
  if (tx.state === 'pending') return gatewayPage(deps, tx.token);
  return goBack(deps, tx);
}
