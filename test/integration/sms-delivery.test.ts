/**
 * A code step knows how its SMS is doing (the outbox row the code names): on its way, sent, or
 * failed. A failed SMS is said plainly with what to do, and a new code may be asked for at once.
 * Recovery stays the same for every national code (see the last test).
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { FormClient, smsCount, type Page } from '../helpers/browser.js';
import { createAccount } from '../helpers/accounts.js';

/** حمید اکبری (sim/people.json): Shahkar matches his mobile, the SMS gateway rejects it. */
const HAMID = { nationalCode: '3284706518', mobile: '09990091234' };
const SARA = { nationalCode: '4483057162', mobile: '09359871234' };

const delivery = (p: Page) => /data-delivery="([a-z]+)"/.exec(p.html)?.[1];

async function toCodeStep(t: TestApp, p: { nationalCode: string; mobile: string }, ip: string) {
  const c = new FormClient(t.app, ip);
  await c.get('/registration');
  await c.submit({ personKind: 'iranian' });
  const page = await c.submit({ nationalCode: p.nationalCode, mobile: p.mobile, captcha: '12345' });
  assert.match(page.url, /verify_mobile/, page.html.slice(0, 1500));
  return { c, page, url: page.url };
}

const outboxStatuses = async (t: TestApp, mobile: string) =>
  (
    await t.services.db
      .selectFrom('sms_outbox')
      .select('status')
      .where('to_mobile', '=', mobile)
      .orderBy('seq')
      .execute()
  ).map((r) => r.status);

describe('registration: the code step tells how the SMS is doing', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(async () => {
    await t.close();
  });

  test('on its way, then sent', async () => {
    const { c, page, url } = await toCodeStep(t, SARA, '203.0.113.101');
    assert.equal(delivery(page), 'sending');
    assert.match(page.html, /در حال ارسال/);
    await t.drain();
    const after = await c.get(url);
    assert.equal(delivery(after), 'sent');
    assert.match(after.html, /پیامک شد/);
    assert.doesNotMatch(after.html, /در حال ارسال/);
  });

  test('rejected by the gateway: the page says so and what to do; a new code may go at once', async () => {
    const { c, url } = await toCodeStep(t, HAMID, '203.0.113.102');
    await t.drain();
    let page = await c.get(url);
    assert.equal(delivery(page), 'failed');
    assert.match(page.html, /ارسال نشد/);
    assert.doesNotMatch(page.html, /پیامک شد/, 'a failed SMS is never called sent');
    assert.match(page.html, /کد تازه/, 'ask for a new code');
    assert.match(page.html, /نزدیک‌ترین شعبه/, 'or go to a branch');
    assert.match(
      page.html,
      new RegExp(HAMID.mobile.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!)),
      'the number to check',
    );
    assert.doesNotMatch(page.html, /data-countdown=/, 'no cooldown for a code that never went');
    // the resend goes straight away (no "wait N seconds")
    page = await c.post(url, { _action: 'resend' });
    assert.equal(page.status, 200, page.html.slice(0, 1500));
    assert.equal(delivery(page), 'sending');
    assert.equal(await smsCount(t, HAMID.mobile), 2);
    await t.drain();
    assert.deepEqual(await outboxStatuses(t, HAMID.mobile), ['failed', 'failed']);
    // the JSON face says the same
    const flowId = /flow=([0-9a-f-]{36})/.exec(url)![1]!;
    // (the browser's secret is its flow token)
    const api = await t.app.inject({
      method: 'GET',
      url: `/api/v1/registration/${flowId}`,
      headers: { 'x-flow-token': c.cookies.get('hv_client')! },
    });
    assert.equal((api.json() as { flow: { view: { codeDelivery?: string } } }).flow.view.codeDelivery, 'failed');
  });
});

describe('registration: an SMS whose retries are all spent counts as failed', () => {
  test('the gateway stays down: «در حال ارسال» while it retries, then failed', async () => {
    // the outage number is Shahkar's outage number too, so Shahkar is stood in for here
    const t = await createTestApp({ overrides: { mobileOwnership: { check: async () => ({ status: 'match' }) } } });
    try {
      const mobile = '09990001234';
      const { c, url } = await toCodeStep(t, { nationalCode: '0672198347', mobile }, '203.0.113.103');
      await t.drain();
      let page = await c.get(url);
      assert.equal(delivery(page), 'sending', 'still trying');
      // the retries back off (the test worker starts at one second): minutes, inside the flow's hour
      for (let i = 0; i < 20 && (await outboxStatuses(t, mobile))[0] !== 'failed'; i++) {
        t.clock.advance(2 * 60_000);
        await t.drain();
      }
      assert.deepEqual(await outboxStatuses(t, mobile), ['failed']);
      page = await c.get(url);
      assert.equal(delivery(page), 'failed');
      assert.doesNotMatch(page.html, /data-countdown=/);
    } finally {
      await t.close();
    }
  });
});

describe('recovery: the code page stays the same for every national code', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(async () => {
    await t.close();
  });

  async function codePage(nationalCode: string, ip: string) {
    const c = new FormClient(t.app, ip);
    await c.get('/recovery');
    await c.submit({ nationalCode, captcha: '12345' });
    const page = await c.submit({ method: 'sms' });
    assert.match(page.url, /\/recovery\/code\?/);
    await t.drain();
    const again = await c.get(page.url);
    return again.html.replace(/flow=[0-9a-f-]{36}|value="[0-9a-f-]{36,64}"/g, '');
  }

  test('a rejected SMS, a sent one and no account at all look alike; each page says what to do', async () => {
    await createAccount(t, { nationalCode: HAMID.nationalCode, mobile: HAMID.mobile });
    await createAccount(t, { nationalCode: SARA.nationalCode, mobile: SARA.mobile });
    const rejected = await codePage(HAMID.nationalCode, '203.0.113.111');
    const sent = await codePage(SARA.nationalCode, '203.0.113.112');
    const none = await codePage('1234567891', '203.0.113.113');
    assert.deepEqual(await outboxStatuses(t, HAMID.mobile), ['failed']);
    assert.equal(rejected, sent);
    assert.equal(rejected, none);
    assert.doesNotMatch(rejected, /data-delivery=/);
    // the advice covers an SMS that never came: a new code, the questions, a branch
    assert.match(rejected, /کد تازه/);
    assert.match(rejected, /سوالات امنیتی/);
    assert.match(rejected, /نزدیک‌ترین شعبه/);
  });
});
