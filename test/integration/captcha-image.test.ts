import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { FormClient } from '../helpers/browser.js';

/** The image captcha as a person meets it: legible size, an alt that hides the answer, digits as typed. */
describe('image captcha', () => {
  let t: TestApp;
  let real: TestApp;
  before(async () => {
    t = await createTestApp();
    real = await createTestApp({ env: { HOVIYAT_CAPTCHA: 'svg' } });
  });
  after(async () => {
    await t.close();
    await real.close();
  });

  test('the page shows a 240×80 image whose accessible name does not give the answer', async () => {
    const page = await new FormClient(real.app).get('/recovery');
    const img = /<img src="(\/captcha\/[0-9a-f-]{36}\.svg)" alt="([^"]+)" width="(\d+)" height="(\d+)"/.exec(page.html);
    assert.ok(img, 'an image captcha');
    assert.deepEqual([img[3], img[4]], ['240', '80']);
    assert.doesNotMatch(img[2]!, /[0-9۰-۹]/);
    const svg = await real.app.inject({ method: 'GET', url: img[1]! });
    assert.equal(svg.statusCode, 200);
    assert.equal(svg.headers['content-type'], 'image/svg+xml');
    assert.match(svg.body, /^<svg[^>]* width="240" height="80"[^>]* role="img"><title>/);
    assert.doesNotMatch(svg.body, /<text/, 'the digits are drawn, not written');
  });

  test('an answer typed with spaces and Persian digits fits the field and is accepted', async () => {
    const c = new FormClient(t.app);
    let page = await c.get('/recovery');
    const answer = '۱ ۲ ۳ ۴ ۵';
    const max = Number(/name="captcha"[^>]* maxlength="(\d+)"/.exec(page.html)?.[1]);
    assert.ok(max >= answer.length, `maxlength ${max} cuts «${answer}» short`);
    page = await c.submit({ nationalCode: '0084575948', captcha: answer });
    assert.match(page.url, /^\/recovery\/method\?flow=/);
  });

  test('the API takes Arabic-Indic digits and spaces too', async () => {
    const cap = (await t.app.inject({ method: 'POST', url: '/api/v1/captcha' })).json() as { id: string };
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/recovery',
      payload: { nationalCode: '0084575948', captcha_id: cap.id, captcha: '١٢ ٣٤ ٥' },
    });
    assert.equal(res.statusCode, 201, res.body);
  });
});
