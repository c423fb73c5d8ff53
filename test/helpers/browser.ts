import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { TestApp } from './app.js';

export interface Page {
  status: number;
  url: string;
  html: string;
  location?: string;
}

/**
 * A cookie-keeping client over app.inject(): fills forms the way a browser without JavaScript
 * does, carrying the CSRF token and captcha id of the last page it saw.
 */
export class FormClient {
  cookies = new Map<string, string>();
  last: Page | null = null;

  constructor(
    public app: FastifyInstance,
    private readonly ip = '203.0.113.10',
  ) {}

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(res: { headers: Record<string, unknown> }) {
    const set = res.headers['set-cookie'];
    const list = Array.isArray(set) ? set : set ? [set] : [];
    for (const c of list as string[]) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      const name = pair!.slice(0, i);
      const value = pair!.slice(i + 1);
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(c) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async get(url: string, follow = true): Promise<Page> {
    const res = await this.app.inject({
      method: 'GET',
      url,
      headers: { cookie: this.cookieHeader() },
      remoteAddress: this.ip,
    });
    this.keep(res);
    const page: Page = {
      status: res.statusCode,
      url,
      html: res.body,
      location: res.headers.location as string | undefined,
    };
    if (follow && page.location && res.statusCode >= 300 && res.statusCode < 400)
      return this.get(page.location, follow);
    this.last = page;
    return page;
  }

  /** Posts a form; _csrf and captcha_id come from the last page unless given. */
  async post(url: string, fields: Record<string, string>, follow = true): Promise<Page> {
    const body = new URLSearchParams();
    const csrf = this.last ? hiddenValue(this.last.html, '_csrf') : undefined;
    const captchaId = this.last ? hiddenValue(this.last.html, 'captcha_id') : undefined;
    if (csrf && fields._csrf === undefined) body.set('_csrf', csrf);
    if (captchaId && fields.captcha_id === undefined) body.set('captcha_id', captchaId);
    for (const [k, v] of Object.entries(fields)) body.set(k, v);
    const res = await this.app.inject({
      method: 'POST',
      url,
      payload: body.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: this.cookieHeader() },
      remoteAddress: this.ip,
    });
    this.keep(res);
    const page: Page = {
      status: res.statusCode,
      url,
      html: res.body,
      location: res.headers.location as string | undefined,
    };
    if (follow && page.location && res.statusCode >= 300 && res.statusCode < 400)
      return this.get(page.location, follow);
    this.last = page;
    return page;
  }

  /** Submits the form on the last page (its action URL) with the given fields. */
  async submit(fields: Record<string, string>): Promise<Page> {
    assert.ok(this.last, 'no page loaded');
    const action = formAction(this.last.html) ?? this.last.url;
    return this.post(action, fields);
  }
}

export function hiddenValue(html: string, name: string): string | undefined {
  const re = new RegExp(`<input[^>]*name="${name}"[^>]*value="([^"]*)"`);
  return re.exec(html)?.[1]?.replace(/&#38;/g, '&');
}

/** The first POST form in the page's main content (the header's logout form is not it). */
export function formAction(html: string): string | undefined {
  const main = html.indexOf('id="main"');
  return /<form method="post" action="([^"]+)"/
    .exec(main === -1 ? html : html.slice(main))?.[1]
    ?.replace(/&#38;/g, '&');
}

/** The newest SMS to a number, read from the dev inbox as a tester would. */
export async function lastSms(t: TestApp, to: string): Promise<string | undefined> {
  await t.drain();
  const res = await t.app.inject({ method: 'GET', url: `/dev/sms?to=${to}&format=json` });
  const body = res.json() as { messages: { text: string }[] };
  return body.messages[0]?.text;
}

/** How many SMS the outbox holds for a number (sent or not). */
export async function smsCount(t: Pick<TestApp, 'services'>, to: string): Promise<number> {
  const row = await t.services.db
    .selectFrom('sms_outbox')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('to_mobile', '=', to)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function lastCode(t: TestApp, to: string): Promise<string> {
  const text = await lastSms(t, to);
  const m = /(\d{6})/.exec(text ?? '');
  assert.ok(m, `no code in the last SMS to ${to}: ${text}`);
  return m[1]!;
}

/** Field error text for a field on a page (the <p class="field-error"> next to it). */
export function fieldErrorText(html: string, field: string): string | undefined {
  const re = new RegExp(
    `<p class="field-error" id="f-${field}-error"><span class="visually-hidden">[^<]*</span>([^<]*)</p>`,
  );
  return re.exec(html)?.[1];
}
