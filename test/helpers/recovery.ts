import assert from 'node:assert/strict';
import type { TestApp } from './app.js';
import { lastCode, type FormClient, type Page } from './browser.js';
import { createAccount, type TestAccount } from './accounts.js';

/** The recovery journey as a person walks it, step by step (the image captcha's simulator answer is 12345). */
export async function toMethod(c: FormClient, nationalCode: string): Promise<Page> {
  await c.get('/recovery');
  const page = await c.submit({ nationalCode, captcha: '12345' });
  assert.match(page.url, /^\/recovery\/method\?flow=/, page.html.slice(0, 2000));
  return page;
}

export async function toCode(c: FormClient, nationalCode: string): Promise<Page> {
  await toMethod(c, nationalCode);
  const page = await c.submit({ method: 'sms' });
  assert.match(page.url, /^\/recovery\/code\?flow=/);
  return page;
}

export async function toNewPassword(t: TestApp, c: FormClient, a: TestAccount): Promise<Page> {
  await toCode(c, a.nationalCode);
  const page = await c.submit({ code: await lastCode(t, a.mobile!) });
  assert.match(page.url, /^\/recovery\/new_password\?flow=/);
  return page;
}

export const flowIdOf = (page: Page) => /flow=([0-9a-f-]{36})/.exec(page.url)?.[1] ?? '';

/** Starts recovery over the API: the flow's id and the token later calls send. */
export async function apiStart(t: TestApp, nationalCode: string, ip = '198.51.100.200') {
  const cap = (await t.app.inject({ method: 'POST', url: '/api/v1/captcha', remoteAddress: ip })).json() as {
    id: string;
  };
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/recovery',
    remoteAddress: ip,
    payload: { nationalCode, captcha_id: cap.id, captcha: '12345' },
  });
  assert.equal(res.statusCode, 201, res.body);
  const body = res.json() as { flow: { id: string; state: string; view: Record<string, unknown> }; flowToken: string };
  return { id: body.flow.id, token: body.flowToken, flow: body.flow };
}

/** One call to a recovery flow's API, with or without its token. */
export async function apiCall(
  t: TestApp,
  method: 'GET' | 'POST',
  path: string,
  token: string | undefined,
  payload?: object,
) {
  const res = await t.app.inject({
    method,
    url: `/api/v1/recovery/${path}`,
    headers: token === undefined ? {} : { 'x-flow-token': token },
    ...(payload ? { payload } : {}),
  });
  return { status: res.statusCode, body: res.json() as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export async function passwordIs(t: TestApp, a: TestAccount, password: string): Promise<boolean> {
  const row = await t.services.db
    .selectFrom('accounts')
    .select('password_hash')
    .where('id', '=', a.id)
    .executeTakeFirstOrThrow();
  return t.services.hasher.verify(row.password_hash, password);
}

/** How many recovery flows the database holds (a refused first page must add none). */
export async function recoveryFlowCount(t: TestApp): Promise<number> {
  const row = await t.services.db
    .selectFrom('flows')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('kind', '=', 'recovery')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Valid national codes for a test file's own accounts (each file has its own app and budgets). */
const PEOPLE = ['0084575948', '1279834064', '2271568439', '0499370899', '0027613496'];

/** Makes the next account of a test file: its own national code, a mobile from the prefix, a known password. */
export function accountMaker(
  t: () => TestApp,
  mobilePrefix: string,
  extra: Partial<Parameters<typeof createAccount>[1]> = {},
) {
  let n = 0;
  return () => {
    assert.ok(n < PEOPLE.length, 'out of test people');
    return createAccount(t(), {
      nationalCode: PEOPLE[n]!,
      mobile: `${mobilePrefix}${n++}`,
      password: 'Old2024pass',
      ...extra,
    });
  };
}
