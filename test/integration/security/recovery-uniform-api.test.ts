import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../helpers/app.js';
import { createAccount } from '../../helpers/accounts.js';

let t: TestApp;
after(async () => t?.close());

/** What the API says about a national code, with the flow's own id and timestamps taken out. */
async function firstAnswers(nationalCode: string) {
  const post = async (url: string, payload: object, headers: Record<string, string> = {}) => {
    const r = await t.app.inject({ method: 'POST', url, payload, headers, remoteAddress: '198.51.100.9' });
    return { status: r.statusCode, body: r.json() as { flow: Record<string, unknown>; flowToken?: string } };
  };
  const cap = (await post('/api/v1/captcha', {})).body as unknown as { id: string };
  const started = await post('/api/v1/recovery', { nationalCode, captcha_id: cap.id, captcha: '12345' });
  const id = started.body.flow.id as string;
  const token = { 'x-flow-token': started.body.flowToken! };
  const sms = await post(`/api/v1/recovery/${id}/method`, { method: 'sms' }, token);
  const clean = (r: { status: number; body: { flow: Record<string, unknown> } }) => ({
    status: r.status,
    flow: { ...r.body.flow, id: undefined, expiresAt: undefined } as Record<string, unknown>,
  });
  return { started: clean(started), sms: clean(sms) };
}

test('the API answers recovery the same for an account, a disabled one, one without a mobile, and none', async () => {
  t = await createTestApp();
  await createAccount(t, { nationalCode: '0084575948', mobile: '09121234567' });
  await createAccount(t, { nationalCode: '1279834064', mobile: '09351234567', status: 'disabled' });
  await createAccount(t, { nationalCode: '2271568439', mobile: null, questions: null });
  const real = await firstAnswers('0084575948');
  assert.equal(real.started.status, 201);
  assert.equal(real.sms.flow.state, 'code');
  assert.doesNotMatch(JSON.stringify(real), /0912|\*\*\*/);
  for (const other of ['1279834064', '2271568439', '0012345679']) assert.deepEqual(await firstAnswers(other), real);
});
