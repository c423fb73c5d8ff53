import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { FormClient, lastCode } from '../helpers/browser.js';

/**
 * Five wrong codes are no dead end: the page says until when guessing is closed for that number,
 * another number of the person's own gets a fresh code at once, and after the wait the first
 * number works again.
 */
let t: TestApp;
after(async () => t?.close());

// a demo person with two mobiles in sim/people.json
const PERSON = { nationalCode: '0027613496', mobiles: ['09121230000', '09011230000'] };

test('after five wrong codes: the stated wait, another number at once, the same number after the wait', async () => {
  t = await createTestApp();
  const c = new FormClient(t.app, '198.51.100.60');
  await c.get('/registration');
  await c.submit({ personKind: 'iranian' });
  let page = await c.submit({ nationalCode: PERSON.nationalCode, mobile: PERSON.mobiles[0]!, captcha: '12345' });
  assert.match(page.url, /verify_mobile/);
  const codeUrl = page.url;
  const right = await lastCode(t, PERSON.mobiles[0]!);
  const wrong = right === '000000' ? '111111' : '000000';
  for (let i = 0; i < 5; i++) page = await c.submit({ code: wrong });
  assert.match(page.html, /پس از ۱۰ دقیقه \(ساعت [۰-۹]{2}:[۰-۹]{2}\)/, 'the page states when');

  // another number of the person's own: a fresh code, accepted
  page = await c.post(codeUrl, { _action: 'back' });
  assert.match(page.url, /\/registration\/identity\?/);
  t.clock.advance(t.services.config.limits.otpResendCooldownMs + 1000);
  page = await c.submit({ nationalCode: PERSON.nationalCode, mobile: PERSON.mobiles[1]!, captcha: '12345' });
  assert.match(
    page.url,
    /verify_mobile/,
    page.html.slice(page.html.indexOf('error-summary'), page.html.indexOf('error-summary') + 400),
  );
  page = await c.submit({ code: await lastCode(t, PERSON.mobiles[1]!) });
  assert.match(page.url, /birth_certificate/);

  // the first number, in a new registration: refused until the stated time, then it works
  const d = new FormClient(t.app, '198.51.100.61');
  await d.get('/registration');
  await d.submit({ personKind: 'iranian' });
  page = await d.submit({ nationalCode: PERSON.nationalCode, mobile: PERSON.mobiles[0]!, captcha: '12345' });
  assert.match(page.html, /کد تازه بخواهید/);
  t.clock.advance(t.services.config.limits.otpGuessWindowMs);
  await d.get(d.last!.url); // a fresh captcha: the one on the page has expired meanwhile
  page = await d.submit({ nationalCode: PERSON.nationalCode, mobile: PERSON.mobiles[0]!, captcha: '12345' });
  assert.match(page.url, /verify_mobile/);
  page = await d.submit({ code: await lastCode(t, PERSON.mobiles[0]!) });
  assert.match(page.url, /birth_certificate/);
});
