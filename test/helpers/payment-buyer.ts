/**
 * A buyer at a simulated payment gateway, as a browser without JavaScript: follows the gateway's
 * browser instruction, reads the page's form, presses a button, and brings back the callback's
 * fields (from the form posted back to the merchant, or the redirect's query). Over real HTTP
 * (the simulation gateway server) or through `app.inject` (the app's own simulator page).
 */
import type { FastifyInstance } from 'fastify';
import type { BrowserInstruction } from '../../src/registries/payment/port.js';

export interface Answer {
  status: number;
  location: string | null;
  body: string;
}
export type Transport = (method: 'GET' | 'POST', url: string, form?: Record<string, string>) => Promise<Answer>;

export const httpTransport: Transport = async (method, url, form) => {
  const res = await fetch(url, {
    method,
    redirect: 'manual',
    ...(form
      ? { body: new URLSearchParams(form), headers: { 'content-type': 'application/x-www-form-urlencoded' } }
      : {}),
  });
  return { status: res.status, location: res.headers.get('location'), body: await res.text() };
};

export function injectTransport(app: FastifyInstance): Transport {
  return async (method, url, form) => {
    const res = await app.inject({
      method,
      url,
      ...(form
        ? {
            payload: new URLSearchParams(form).toString(),
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
          }
        : {}),
    });
    const location = res.headers.location;
    return { status: res.statusCode, location: typeof location === 'string' ? location : null, body: res.body };
  };
}

const unescape = (s: string) => s.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)));

/** The first form on a page: where it posts and its hidden fields. */
export function readForm(html: string): { action: string; fields: Record<string, string> } | null {
  const m = /<form[^>]*\baction="([^"]*)"[^>]*>([\s\S]*?)<\/form>/.exec(html);
  if (!m) return null;
  const fields: Record<string, string> = {};
  for (const i of (m[2] ?? '').matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)"/g)) {
    fields[unescape(i[1]!)] = unescape(i[2]!);
  }
  return { action: unescape(m[1]!), fields };
}

export type BuyerChoice = 'pay' | 'pay_no_return' | 'cancel' | 'timeout';

export interface Visit {
  /** The callback's fields, or null when the browser does not go back (or the page failed). */
  callback: Record<string, string> | null;
  /** Where the callback goes (the merchant's callback URL, query included for a GET). */
  callbackUrl: string | null;
  /** The last page seen. */
  page: Answer;
}

export const ORDINARY_CARD = '6037 9912 3456 7890';

/** A form's action against the page's own URL (the simulated pages post to relative paths). */
function resolve(href: string, base: string): string {
  return URL.canParse(base) ? new URL(href, base).href : href;
}

/** Opens the gateway page the instruction names, as the merchant's page sends the browser there. */
export async function openGateway(send: Transport, browser: BrowserInstruction): Promise<Answer> {
  return browser.method === 'GET' ? send('GET', browser.url) : send('POST', browser.url, { ...browser.fields });
}

/** Opens the page, chooses, and returns what the browser brings back to the merchant. */
export async function visitGateway(
  send: Transport,
  browser: BrowserInstruction,
  choice: BuyerChoice,
  card = ORDINARY_CARD,
): Promise<Visit> {
  const page = await openGateway(send, browser);
  // a page already used or timed out sends the browser straight back
  if (!page.body.includes('name="card"')) return { ...backToMerchant(page), page };
  const form = readForm(page.body);
  if (page.status !== 200 || !form) return { callback: null, callbackUrl: null, page };
  const answer = await send('POST', resolve(form.action, browser.url), { ...form.fields, action: choice, card });
  return { ...backToMerchant(answer), page: answer };
}

/** The callback in a gateway's answer: a redirect with a query, or a form posted back. */
export function backToMerchant(answer: Answer): {
  callback: Record<string, string> | null;
  callbackUrl: string | null;
} {
  if (answer.status === 303 && answer.location) {
    const url = new URL(answer.location, 'http://merchant.invalid');
    return { callback: Object.fromEntries(url.searchParams), callbackUrl: answer.location };
  }
  const back = answer.status === 200 ? readForm(answer.body) : null;
  if (!back) return { callback: null, callbackUrl: null };
  return { callback: back.fields, callbackUrl: back.action };
}
