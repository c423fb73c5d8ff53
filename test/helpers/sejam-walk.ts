/**
 * The Sejam registration's pages walked by a FormClient (a browser without JavaScript): the
 * mobile and its SMS code, the fee on the simulated gateway, a form step and where it lands.
 */
import assert from 'node:assert/strict';
import type { TestApp } from './app.js';
import { FormClient, lastCode, type Page } from './browser.js';
import { injectTransport, visitGateway, type BuyerChoice } from './payment-buyer.js';
import { sejamData } from '../../src/journeys/sejam/data.js';

export const flowIdOf = (p: Page) => new URL(p.url, 'http://x').searchParams.get('flow')!;
export const pathOf = (p: Page) => new URL(p.url, 'http://x').pathname;

/** The field errors on a page, for an assertion's message. */
export const fieldErrorsOf = (p: Page) =>
  [...p.html.matchAll(/class="field-error"[^>]*>(?:<span[^>]*>[^<]*<\/span>)?([^<]*)/g)].map((m) => m[1]).join(' | ');

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

  /** On the gateway page: the buyer pays (or cancels), the gateway posts back, the browser follows. */
  async function atGateway(c: FormClient, page: Page, choice: BuyerChoice = 'pay') {
    assert.equal(pathOf(page), '/sejam/paying');
    const row = await t()
      .services.db.selectFrom('flows')
      .select('data')
      .where('id', '=', flowIdOf(page))
      .executeTakeFirstOrThrow();
    const browser = sejamData.parse(row.data).payment!.browser;
    const visit = await visitGateway(injectTransport(t().app), browser, choice);
    assert.ok(visit.callbackUrl, 'the gateway sends the buyer back');
    const back = await c.post(visit.callbackUrl!, visit.callback!, false);
    assert.equal(back.status, 303);
    await t().drain();
    return c.get(back.location!);
  }

  /** Submits the page's form and checks where the person lands. */
  async function step(c: FormClient, fields: Record<string, string>, to: string, why?: string) {
    const page = await c.submit(fields);
    assert.equal(pathOf(page), `/sejam/${to}`, why ?? fieldErrorsOf(page));
    return page;
  }

  return { client, toPerson, atGateway, step };
}
