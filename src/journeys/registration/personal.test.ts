/** Steps 3 and 4, birth data and email: errors by redirect, foreign nationals, steps reopened over the API. */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { FormClient, fieldErrorText, lastCode } from '../../../test/helpers/browser.js';
import { SARA, birthFields, registrationApi } from '../../../test/helpers/registration.js';

const SARA_BIRTH = birthFields(SARA);

describe('registration: birth data and email', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(async () => t.close());

  async function toBirth(ip: string, personKind = 'iranian', p: { nationalCode: string; mobile: string } = SARA) {
    const c = new FormClient(t.app, ip);
    await c.get('/registration');
    await c.submit({ personKind });
    await c.submit({ nationalCode: p.nationalCode, mobile: p.mobile, captcha: '12345' });
    const page = await c.submit({ code: await lastCode(t, p.mobile) });
    assert.match(page.url, /birth_certificate/, page.html.slice(0, 2000));
    return { c, page };
  }

  test('a bad birth date answers 303; the page shows it and keeps every field typed', async () => {
    const { c, page } = await toBirth('203.0.113.221');
    const posted = await c.post(page.url, { ...SARA_BIRTH, birthDate_d: '۳۲' }, false);
    assert.equal(posted.status, 303);
    const shown = await c.get(posted.location!);
    assert.equal(shown.status, 400);
    assert.ok(fieldErrorText(shown.html, 'birthDate'));
    for (const v of ['سارا', 'نوری', 'کامبیز', '4483057162', '1384', '۳۲']) {
      assert.match(shown.html, new RegExp(`value="${v}"`), v);
    }
    let next = await c.submit(SARA_BIRTH);
    assert.match(next.url, /\/email\?/);
    next = await c.submit({ email: 'not-an-email' });
    assert.equal(next.status, 400);
    assert.ok(fieldErrorText(next.html, 'email'));
    assert.match(next.html, /value="not-an-email"/);
    next = await c.submit({ email: '' });
    assert.match(next.url, /\/password\?/);
  });

  test('foreign nationals: no shenasnameh asked, the FIDA code stands in for it', async () => {
    const FIDA = { nationalCode: '270198765432', mobile: '09017654321' };
    const { c, page } = await toBirth('203.0.113.222', 'foreign', FIDA);
    assert.doesNotMatch(page.html, /name="shenasnamehNumber"/);
    assert.match(page.html, /<h2 class="step-title">اطلاعات هویتی<\/h2>/);
    await c.submit({
      firstName: 'زینب',
      lastName: 'الموسوی',
      fatherName: 'جعفر',
      birthDate_y: '1380',
      birthDate_m: '8',
      birthDate_d: '25',
      gender: 'female',
    });
    const flowId = new URL(page.url, 'http://x').searchParams.get('flow')!;
    const row = await t.services.db
      .selectFrom('flows')
      .select('data')
      .where('id', '=', flowId)
      .executeTakeFirstOrThrow();
    assert.equal((row.data as { birth: { shenasnamehNumber: string } }).birth.shenasnamehNumber, FIDA.nationalCode);
  });

  test('over the API: a step ahead is 409, a step already taken may be sent again', async () => {
    t.clock.advance(t.services.config.limits.smsWindowMs);
    const api = await registrationApi(t, 'iranian', '203.0.113.223');
    await api.step('identity', { nationalCode: SARA.nationalCode, mobile: SARA.mobile, ...(await api.captcha()) });
    await api.step('verify_mobile', { code: await lastCode(t, SARA.mobile) });
    assert.equal((await api.step('email', { email: '' })).status, 409);
    let r = await api.step('birth_certificate', SARA_BIRTH);
    assert.equal(r.body.flow.state, 'email');
    r = await api.step('birth_certificate', { ...SARA_BIRTH, fatherName: 'کامبیزی' });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.flow.state, 'email');
    const fields = [
      'password',
      'passwordRepeat',
      'question1',
      'answer1',
      'question2',
      'answer2',
      'question3',
      'answer3',
    ];
    const empty = Object.fromEntries(fields.map((f) => [f, '']));
    assert.equal((await api.step('password', empty)).status, 409, 'the password step is not reached yet');
  });
});
