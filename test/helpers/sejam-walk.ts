/**
 * The Sejam registration's pages walked by a FormClient (a browser without JavaScript): the
 * mobile and its SMS code, the fee on the simulated gateway (the callback brought back at once, or
 * held to bring it later, twice or elsewhere), a form step and where it lands, the forms to the
 * status page.
 */
import assert from 'node:assert/strict';
import type { TestApp } from './app.js';
import { FormClient, lastCode, type Page } from './browser.js';
import { injectTransport, visitGateway, type BuyerChoice, type Visit } from './payment-buyer.js';
import type { simForms } from './sejam.js';
import { sejamData } from '../../src/journeys/sejam/data.js';

export const flowIdOf = (p: Page) => new URL(p.url, 'http://x').searchParams.get('flow')!;
export const pathOf = (p: Page) => new URL(p.url, 'http://x').pathname;

/** The field errors on a page, for an assertion's message. */
export const fieldErrorsOf = (p: Page) =>
  [...p.html.matchAll(/class="field-error"[^>]*>(?:<span[^>]*>[^<]*<\/span>)?([^<]*)/g)].map((m) => m[1]).join(' | ');

type SimForms = ReturnType<typeof simForms>;

export function sejamWalk(t: () => TestApp, ipPrefix = '198.51.100') {
  let ip = 0;
  const client = () => new FormClient(t().app, `${ipPrefix}.${++ip}`);

  /** A new visit: the mobile, the captcha (12345 in tests), the SMS code; lands on the person step. */
  async function toPerson(mobile: string, start = '/sejam') {
    const c = client();
    await c.get(start);
    let page = await c.submit({ mobile, captcha: '12345' });
    assert.equal(pathOf(page), '/sejam/verify', page.html.slice(0, 300));
    page = await c.submit({ code: await lastCode(t(), mobile) });
    assert.equal(pathOf(page), '/sejam/person');
    return { c, page };
  }

  /** The payment attempt a flow waiting on the gateway sent there, and how its browser goes there. */
  async function attemptOf(page: Page) {
    assert.equal(pathOf(page), '/sejam/paying');
    const row = await t()
      .services.db.selectFrom('flows')
      .select('data')
      .where('id', '=', flowIdOf(page))
      .executeTakeFirstOrThrow();
    return sejamData.parse(row.data).payment!;
  }

  /** On the gateway page the buyer chooses; what the gateway would send back is held, not delivered. */
  async function toGateway(page: Page, choice: BuyerChoice = 'pay', card?: string) {
    const attempt = await attemptOf(page);
    return { attempt, visit: await visitGateway(injectTransport(t().app), attempt.browser, choice, card) };
  }

  /** The browser brings the gateway's callback back; the jobs run; the page it is sent to. */
  async function back(c: FormClient, visit: Visit) {
    assert.ok(visit.callbackUrl, 'the gateway sends the buyer back');
    const answer = await c.post(visit.callbackUrl!, visit.callback!, false);
    assert.equal(answer.status, 303);
    await t().drain();
    return c.get(answer.location!);
  }

  /** On the gateway page: the buyer pays (or cancels), the gateway posts back, the browser follows. */
  async function atGateway(c: FormClient, page: Page, choice: BuyerChoice = 'pay') {
    return back(c, (await toGateway(page, choice)).visit);
  }

  /** Submits the page's form and checks where the person lands. */
  async function step(c: FormClient, fields: Record<string, string>, to: string, why?: string) {
    const page = await c.submit(fields);
    assert.equal(pathOf(page), `/sejam/${to}`, why ?? fieldErrorsOf(page));
    return page;
  }

  /** From the first form on: the forms, the review, the confirmation, the inquiry; the status page. */
  async function toStatus(c: FormClient, forms: SimForms) {
    await step(c, forms.identity, 'contact');
    await step(c, forms.contact, 'bank');
    await step(c, forms.bank, 'job');
    await step(c, forms.job, 'financial');
    await step(c, forms.financial, 'review');
    const sent = await step(c, { confirm: 'on' }, 'checking');
    await t().drain();
    const page = await c.get(sent.url);
    assert.equal(pathOf(page), '/sejam/registered');
    return page;
  }

  return { client, toPerson, attemptOf, toGateway, back, atGateway, step, toStatus };
}
