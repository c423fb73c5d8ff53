/**
 * Coming back to a step from the review («ویرایش» or «مرحله قبل»): the password and answers given
 * before are kept (hashed in the flow: leave the boxes empty), the edit leads straight back to the
 * review, and the error summary names each missing answer once.
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { FormClient, lastCode, fieldErrorText, type Page } from '../helpers/browser.js';
import { ALI, PASSWORD, QUESTIONS, SARA, fillRegistration, type Person } from '../helpers/registration.js';
import { normalizeAnswer } from '../../src/domain/security-questions.js';

/** سید محمد میرزایی: two mobiles, both his (sim/people.json). */
const SEYED: Person = {
  nationalCode: '0027613496',
  mobile: '09121230000',
  firstName: 'سید محمد',
  lastName: 'میرزایی',
  fatherName: 'سید جواد',
  shenasnamehNumber: '12',
  birth: ['1358', '12', '29'],
  gender: 'male',
};

const summaryItems = (p: Page) => {
  const box = /<div class="error-summary"[\s\S]*?<\/ul>/.exec(p.html)?.[0] ?? '';
  return [...box.matchAll(/<li>(?:<a [^>]*>)?([^<]*)/g)].map((m) => m[1]!);
};

describe('registration: editing from the review', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(async () => {
    await t.close();
  });

  test('«ویرایش» on the birth data returns to the review; the password page keeps what was given', async () => {
    const { c, page: review } = await fillRegistration(t, ALI, new FormClient(t.app, '203.0.113.140'));
    const flowId = /flow=([0-9a-f-]{36})/.exec(review.url)![1]!;
    // «ویرایش» is a link to the step
    assert.match(review.html, new RegExp(`href="/registration/birth_certificate\\?flow=${flowId}"[^>]*>ویرایش`));
    let page = await c.get(`/registration/birth_certificate?flow=${flowId}`);
    assert.match(page.html, /value="حسین"/);
    page = await c.submit({
      firstName: ALI.firstName,
      lastName: ALI.lastName,
      fatherName: 'حسن',
      shenasnamehNumber: ALI.shenasnamehNumber,
      birthDate_y: ALI.birth[0],
      birthDate_m: ALI.birth[1],
      birthDate_d: ALI.birth[2],
      gender: ALI.gender,
    });
    assert.match(page.url, /\/review\?/, 'straight back to the review, not through email and password');
    assert.match(page.html, />حسن</);

    // «مرحله قبل» from the review: the password page says the boxes may stay empty
    page = await c.submit({ _action: 'back' });
    assert.match(page.url, /\/password\?/);
    assert.match(page.html, /خالی بگذارید/);
    assert.doesNotMatch(page.html, /id="f-password"[^>]*required/, 'the password is not asked again');
    assert.doesNotMatch(page.html, /id="f-answer1"[^>]*required/, 'nor the answers');
    for (const i of [1, 2, 3]) {
      const q = QUESTIONS[`question${i}` as keyof typeof QUESTIONS];
      assert.match(page.html, new RegExp(`<option value="${q}" selected>`), `question ${i} still chosen`);
    }
    page = await c.submit({
      question1: QUESTIONS.question1,
      question2: QUESTIONS.question2,
      question3: QUESTIONS.question3,
    });
    assert.match(page.url, /\/review\?/, page.html.slice(page.html.indexOf('error-summary'), 2000));

    page = await c.submit({});
    assert.match(page.url, /\/submitted\?/);
    const req = await t.services.db
      .selectFrom('registration_requests')
      .select(['password_hash', 'security_answers', 'father_name'])
      .where('flow_id', '=', flowId)
      .executeTakeFirstOrThrow();
    assert.equal(req.father_name, 'حسن');
    assert.equal(await t.services.hasher.verify(req.password_hash, PASSWORD), true, 'the password given first');
    const answers = req.security_answers as unknown as { questionId: string; answerHash: string }[];
    assert.equal(await t.services.hasher.verify(answers[2]!.answerHash, normalizeAnswer(QUESTIONS.answer3)), true);
  });

  test('a changed question needs its answer: the summary names that answer once', async () => {
    const { c } = await fillRegistration(t, SARA, new FormClient(t.app, '203.0.113.141'));
    let page = await c.submit({ _action: 'back' });
    assert.match(page.url, /\/password\?/);
    page = await c.submit({ ...QUESTIONS, answer1: '', answer2: '', answer3: '', question2: 'first_car' });
    assert.equal(page.status, 400);
    assert.deepEqual(summaryItems(page), ['پاسخ دوم را وارد کنید.']);
    assert.equal(fieldErrorText(page.html, 'answer2'), 'پاسخ دوم را وارد کنید.');
    // a new answer may not repeat one that is kept
    page = await c.submit({
      ...QUESTIONS,
      answer1: '',
      answer2: QUESTIONS.answer1,
      answer3: '',
      question2: 'first_car',
    });
    assert.equal(page.status, 400);
    assert.ok(fieldErrorText(page.html, 'answer2'));
    page = await c.submit({ ...QUESTIONS, answer1: '', answer2: 'پیکان', answer3: '', question2: 'first_car' });
    assert.match(page.url, /\/review\?/);
    assert.match(page.html, /نخستین خودروی شما چه بود؟/);
  });

  test('with nothing kept, every missing answer is named once', async () => {
    // a flow's password page, reached for the first time, asks for everything
    const fresh = new FormClient(t.app, '203.0.113.143');
    await fresh.get('/registration');
    await fresh.submit({ personKind: 'iranian' });
    const p = { ...ALI, nationalCode: '1364920751', mobile: '09129876543' };
    let page = await fresh.submit({ nationalCode: p.nationalCode, mobile: p.mobile, captcha: '12345' });
    page = await fresh.submit({ code: await lastCode(t, p.mobile) });
    page = await fresh.submit({
      firstName: 'امیرحسین',
      lastName: 'کاظمی',
      fatherName: 'مهدی',
      shenasnamehNumber: '1364920751',
      birthDate_y: '1382',
      birthDate_m: '2',
      birthDate_d: '18',
      gender: 'male',
    });
    page = await fresh.submit({ email: '' });
    assert.match(page.url, /\/password\?/);
    page = await fresh.submit({
      password: PASSWORD,
      passwordRepeat: PASSWORD,
      ...QUESTIONS,
      answer1: '',
      answer2: '',
      answer3: '',
    });
    assert.deepEqual(summaryItems(page), [
      'پاسخ اول را وارد کنید.',
      'پاسخ دوم را وارد کنید.',
      'پاسخ سوم را وارد کنید.',
    ]);
  });

  test('a new mobile is confirmed by its code, then back to the review', async () => {
    const c = new FormClient(t.app, '203.0.113.144');
    const { page: review } = await fillRegistration(t, SEYED, c);
    const flowId = /flow=([0-9a-f-]{36})/.exec(review.url)![1]!;
    let page = await c.get(`/registration/identity?flow=${flowId}`);
    page = await c.submit({ nationalCode: SEYED.nationalCode, mobile: '09011230000', captcha: '12345' });
    assert.match(page.url, /verify_mobile/);
    // the later steps wait for the code
    const r = await c.get(`/registration/review?flow=${flowId}`, false);
    assert.match(r.location ?? '', /verify_mobile/);
    page = await c.get(`/registration/verify_mobile?flow=${flowId}`);
    page = await c.submit({ code: await lastCode(t, '09011230000') });
    assert.match(page.url, /\/review\?/);
    assert.match(page.html, /۰۹۰۱۱۲۳۰۰۰۰/);
  });
});
