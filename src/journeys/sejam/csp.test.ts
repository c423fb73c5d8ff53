import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';

/** Only the page that sends the browser to the gateway may have a form posting off-site. */
let t: TestApp;
before(async () => {
  // the simulator's gateway page lives at the public URL, so that is the gateway's origin here
  t = await createTestApp({ env: { PUBLIC_URL: 'https://pay.hoviyat.example' } });
});
after(async () => t.close());

const formAction = async (url: string) =>
  /form-action ([^;]+)/.exec(
    String((await t.app.inject({ method: 'GET', url })).headers['content-security-policy']),
  )?.[1];

test("the paying page's forms may post to the gateway; no other page's may", async () => {
  assert.deepEqual(t.services.payments.gateway.browserOrigins, ['https://pay.hoviyat.example']);
  assert.equal(
    await formAction('/sejam/paying?flow=00000000-0000-4000-8000-000000000000'),
    "'self' https://pay.hoviyat.example",
  );
  for (const url of ['/sejam', '/sejam/identity?flow=00000000-0000-4000-8000-000000000000', '/login']) {
    assert.equal(await formAction(url), "'self'", url);
  }
});
