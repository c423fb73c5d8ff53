/** Step 5, password and questions: secrets are never drafted, kept or shown; the server's verdict travels with the error. */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { FormClient, fieldErrorText, lastCode } from '../../../test/helpers/browser.js';
import { ALI, PASSWORD, QUESTIONS, birthFields } from '../../../test/helpers/registration.js';

describe('registration: the password step', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(async () => t.close());

  async function toPassword() {
    const c = new FormClient(t.app, '203.0.113.231');
    await c.get('/registration');
    await c.submit({ personKind: 'iranian' });
    await c.submit({ nationalCode: ALI.nationalCode, mobile: ALI.mobile, captcha: '12345' });
    await c.submit({ code: await lastCode(t, ALI.mobile) });
    await c.submit(birthFields(ALI));
    const page = await c.submit({ email: '' });
    assert.match(page.url, /\/password\?/);
    return { c, page, flowId: new URL(page.url, 'http://x').searchParams.get('flow')! };
  }

  const row = (id: string) =>
    t.services.db.selectFrom('flows').select(['data', 'form_state']).where('id', '=', id).executeTakeFirstOrThrow();

  test('a refused password: 303, then the verdict and the rules on the page; nothing secret kept', async () => {
    const { c, page, flowId } = await toPassword();
    const posted = await c.post(page.url, { password: 'abc', passwordRepeat: 'abc', ...QUESTIONS }, false);
    assert.equal(posted.status, 303);
    const shown = await c.get(posted.location!);
    assert.equal(shown.status, 400);
    assert.ok(fieldErrorText(shown.html, 'password'));
    assert.match(shown.html, /data-server-strength="\d+"/, 'the verdict reached the page without the password');
    assert.match(shown.html, /<li data-rule="too_short" class="rule--bad">/);
    assert.match(shown.html, new RegExp(`<option value="${QUESTIONS.question2}" selected>`), 'questions kept');
    assert.doesNotMatch(shown.html, /value="abc"|value="آبی"/, 'neither the password nor an answer comes back');
    const stored = JSON.stringify(await row(flowId));
    assert.doesNotMatch(stored, /"abc"|آبی|تهران|کارخانه/);
  });

  test('«مرحله قبل» drafts the questions chosen, never the password or the answers', async () => {
    const { c, page, flowId } = await toPassword();
    const back = await c.post(page.url, {
      _action: 'back',
      password: PASSWORD,
      passwordRepeat: PASSWORD,
      ...QUESTIONS,
    });
    assert.match(back.url, /\/email\?/);
    const stored = JSON.stringify(await row(flowId));
    assert.ok(stored.includes(QUESTIONS.question3), 'the choice is drafted');
    assert.ok(!stored.includes(PASSWORD) && !stored.includes(QUESTIONS.answer1), 'no secret is');
    const again = await c.submit({ email: '' });
    assert.match(again.html, new RegExp(`<option value="${QUESTIONS.question3}" selected>`));
    const done = await c.submit({ password: PASSWORD, passwordRepeat: PASSWORD, ...QUESTIONS });
    assert.match(done.url, /\/review\?/);
    const data = (await row(flowId)).data as { password: { hash: string; questions: unknown[] } };
    assert.match(data.password.hash, /^\$argon2id\$/);
    assert.equal(data.password.questions.length, 3);
  });
});
