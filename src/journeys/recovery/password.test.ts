import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { FormClient, fieldErrorText, lastCode, smsCount } from '../../../test/helpers/browser.js';
import type { TestAccount } from '../../../test/helpers/accounts.js';
import { refused } from '../../../test/helpers/prg.js';
import {
  apiCall,
  apiStart,
  flowIdOf,
  toMethod,
  toNewPassword,
  passwordIs as passwordIsOf,
  accountMaker,
} from '../../../test/helpers/recovery.js';
import { formatMessage } from '../../phrases/fa.js';

/** Recovery's questions and new password: secrets never kept, the server's strength verdict, «مرحله قبل». */
describe('recovery: questions and the new password', () => {
  let t: TestApp;
  let ip = 0;
  const client = () => new FormClient(t.app, `198.51.100.${++ip}`);
  const account = accountMaker(() => t, '0935765432', { firstName: 'Sara', lastName: 'Karimi' });
  const passwordIs = (a: TestAccount, password: string) => passwordIsOf(t, a, password);
  const flowRow = (id: string) =>
    t.services.db.selectFrom('flows').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  before(async () => {
    t = await createTestApp();
  });
  after(async () => t.close());

  test('a refused password: 303, then the GET names the broken rules and the strength; nothing typed is kept', async () => {
    const a = await account();
    const c = client();
    const page = await toNewPassword(t, c, a);
    const posted = await c.post(page.url, { password: 'abc', passwordRepeat: 'abc' }, false);
    assert.equal(posted.status, 303);
    assert.equal(posted.location, page.url);
    const shown = await c.get(page.url);
    assert.equal(fieldErrorText(shown.html, 'password'), formatMessage('password.too_short'));
    for (const rule of ['too_short', 'needs_upper', 'needs_digit'])
      assert.match(shown.html, new RegExp(`<li data-rule="${rule}" class="rule--bad">`), rule);
    assert.match(shown.html, /<li data-rule="needs_lower" class="rule--ok">/);
    assert.match(shown.html, /data-server-strength="\d+"/);
    assert.doesNotMatch(shown.html, /value="abc"/);
    const row = await flowRow(flowIdOf(page));
    assert.ok(!JSON.stringify(row.form_state).includes('abc'), 'the flow row keeps no password');
    assert.ok(!JSON.stringify(row.data).includes('abc'));
    // a password with the person's name, then a repeat that differs
    let again = await refused(c, { password: 'Karimi2025x', passwordRepeat: 'Karimi2025x' });
    assert.equal(fieldErrorText(again.html, 'password'), formatMessage('password.contains_personal'));
    again = await refused(c, { password: 'Tazeh2025Ramz', passwordRepeat: 'Tazeh2025Ramx' });
    assert.equal(fieldErrorText(again.html, 'passwordRepeat'), formatMessage('password.mismatch'));
    assert.doesNotMatch(again.html, /Tazeh2025Ram/);
    assert.equal(await passwordIs(a, 'Old2024pass'), true);
  });

  test('«مرحله قبل» on the new password gives up the proof, over the pages and the API', async () => {
    const a = await account();
    const c = client();
    let page = await toNewPassword(t, c, a);
    assert.match(page.html, /<button type="submit" name="_action" value="back"[^>]*>مرحله قبل<\/button>/);
    const id = flowIdOf(page);
    page = await c.post(page.url, { _action: 'back', password: 'Typed2025x' });
    assert.equal(page.url, `/recovery/method?flow=${id}`);
    assert.doesNotMatch(JSON.stringify((await flowRow(id)).form_state), /Typed2025x/, 'no draft of a password');
    const row = await flowRow(id);
    assert.equal((row.data as { verified?: string }).verified, undefined);
    assert.equal((await c.get(`/recovery/new_password?flow=${id}`, false)).location, `/recovery/method?flow=${id}`);

    // the same over the API
    t.clock.advance(t.services.config.limits.otpResendCooldownMs);
    const b = await account();
    const { id: apiId, token } = await apiStart(t, b.nationalCode);
    await apiCall(t, 'POST', `${apiId}/method`, token, { method: 'sms' });
    let r = await apiCall(t, 'POST', `${apiId}/code`, token, { code: await lastCode(t, b.mobile!) });
    assert.equal(r.body.flow.state, 'new_password');
    r = await apiCall(t, 'POST', `${apiId}/new_password/back`, token);
    assert.equal(r.body.flow.state, 'method');
    r = await apiCall(t, 'POST', `${apiId}/new_password`, token, {
      password: 'Api2025pass',
      passwordRepeat: 'Api2025pass',
    });
    assert.equal(r.status, 409);
    assert.equal(await passwordIs(b, 'Api2025pass'), false);
  });

  test('wrong answers: 303, the error shown, no answer kept; the right ones lead on', async () => {
    const a = await account();
    const c = client();
    await toMethod(c, a.nationalCode);
    let page = await c.submit({ method: 'questions' });
    const posted = await c.post(page.url, { answer1: 'آبی', answer2: 'شیراز', answer3: 'کارخانه' }, false);
    assert.equal(posted.status, 303);
    page = await c.get(posted.location!);
    assert.match(
      page.html,
      new RegExp(formatMessage('recovery.wrong_answers', { remaining: 4 }).replace(/\./g, '\\.')),
    );
    assert.doesNotMatch(page.html, /value="(آبی|شیراز|کارخانه)"/);
    assert.ok(!JSON.stringify((await flowRow(flowIdOf(page))).form_state).includes('شیراز'));
    page = await c.submit({ answer1: 'آبی', answer2: 'تهران', answer3: 'کارخانه' });
    assert.match(page.url, /^\/recovery\/new_password\?/);
    assert.match(page.html, /پاسخ سوالات امنیتی درست بود/);
  });

  test('two tabs set a password at once: one wins, the other follows the flow to its end', async () => {
    const a = await account();
    const c = client();
    const page = await toNewPassword(t, c, a);
    const before = await smsCount(t, a.mobile!);
    const [one, two] = await Promise.all([
      c.post(page.url, { password: 'First2025ok', passwordRepeat: 'First2025ok' }, false),
      c.post(page.url, { password: 'Second2025ok', passwordRepeat: 'Second2025ok' }, false),
    ]);
    for (const r of [one, two]) {
      assert.equal(r.status, 303);
      assert.match(r.location ?? '', /^\/recovery\/done\?/);
    }
    const first = await passwordIs(a, 'First2025ok');
    const second = await passwordIs(a, 'Second2025ok');
    assert.ok(first !== second, 'exactly one password was set');
    assert.equal(await smsCount(t, a.mobile!), before + 1, 'one "password changed" SMS');
  });
});
