import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { FormClient, fieldErrorText, lastSms, smsCount, type Page } from '../../../test/helpers/browser.js';
import { legalId, nationalCode, profileIn } from '../../../test/helpers/sejam.js';
import { profileStates, type ProfileState } from '../../sejam/lifecycle.js';

/**
 * «بازیابی کد پیگیری»: the same code is SMSed again only in «کد پیگیری»; every well-formed
 * national code gets the one answer page (nothing tells a stranger whether or how far somebody
 * registered); the sends are budgeted per profile and mobile, per IP only as a flood guard.
 */
describe('Sejam tracking-code recovery', () => {
  let t: TestApp;
  let n = 0;
  let ip = 0;
  const client = (addr = `198.51.100.${++ip}`) => new FormClient(t.app, addr);
  before(async () => {
    t = await createTestApp();
  });
  after(async () => t.close());

  /** Asks for a code the way a person does: the page, then «بررسی» with the captcha. */
  async function check(code: string, c = client()): Promise<Page> {
    await c.get('/sejam/tracking-code');
    return c.submit({ national_code: code, captcha: '12345' });
  }
  const fa = (s: string) => s.replace(/[0-9]/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);
  /** The answer's content with what was typed taken out: what must be the same for every code. */
  const answerOf = (p: Page, typed: string) =>
    (/<main[\s\S]*<\/main>/.exec(p.html)?.[0] ?? '').replaceAll(fa(typed), 'X').replaceAll(typed, 'X');

  test('the code goes again only in «کد پیگیری»; every state, and no profile, get the same answer', async () => {
    const answers = new Map<string, string>();
    for (const state of [...profileStates, null] as (ProfileState | null)[]) {
      const mobile = `0912555${7000 + ++n}`;
      const identifier = nationalCode(1000 + n);
      const profile = state ? await profileIn(t, state, { identifier, mobile }) : null;
      const page = await check(identifier);
      assert.equal(page.status, 200, String(state));
      assert.match(page.url, /^\/sejam\/tracking-code\/answered\?flow=/, String(state));
      assert.equal(fieldErrorText(page.html, 'national_code'), undefined);
      const sent = await smsCount(t, mobile);
      if (state === 'tracking_code') {
        assert.equal(sent, 1, 'the code went to the registered mobile');
        const text = (await lastSms(t, mobile)) ?? '';
        assert.ok(text.includes(profile!.tracking_code!), 'the same code, unchanged');
        assert.match(text, /نگه دارید/, 'with the advice to keep the SMS');
      } else {
        assert.equal(sent, 0, `nothing is sent in ${state ?? 'no profile'}`);
      }
      // nothing of the profile is on the page: no mobile, whole or masked, no state, no code
      assert.ok(!page.html.includes(mobile) && !page.html.includes(fa(mobile.slice(-4))), String(state));
      assert.doesNotMatch(page.html, /\*\*\*/);
      if (profile?.tracking_code) assert.ok(!page.html.includes(fa(profile.tracking_code)));
      answers.set(String(state), answerOf(page, identifier));
    }
    const distinct = new Set(answers.values());
    assert.equal(distinct.size, 1, 'one answer page for every state and for no profile at all');
    const answer = [...distinct][0]!;
    // the seed's rule, and what to do in each case, is on that one page
    assert.match(answer, /فقط وقتی دوباره پیامک\s+می‌شود که پرونده سجام در وضعیت «کد پیگیری» باشد/);
    assert.match(answer, /در انتظار نتیجه احراز هویت/);
    assert.match(answer, /href="\/sejam\/profile"/);
    assert.match(answer, /href="\/sejam"/);
  });

  test("a legal person's national ID: the code goes to the representative's mobile", async () => {
    const id = legalId(77);
    const profile = await profileIn(t, 'tracking_code', { identifier: id, mobile: '09125550900', personType: 'legal' });
    const page = await check(`${fa(id.slice(0, 5))}-${id.slice(5)}`);
    assert.match(page.url, /\/answered\?/);
    assert.ok(((await lastSms(t, '09125550900')) ?? '').includes(profile.tracking_code!));
  });

  test('a malformed code or a wrong captcha is told beside its field, and nothing is looked up', async () => {
    const profile = await profileIn(t, 'tracking_code', { identifier: nationalCode(2001), mobile: '09125550901' });
    const c = client();
    let page = await check('123', c);
    assert.match(page.url, /^\/sejam\/tracking-code\/check\?flow=/);
    assert.match(fieldErrorText(page.html, 'national_code') ?? '', /۱۰ رقم و شناسه ملی/);
    const wrongCheckDigit = profile.identifier.slice(0, 9) + String((Number(profile.identifier[9]) + 1) % 10);
    page = await c.submit({ national_code: wrongCheckDigit, captcha: '12345' });
    assert.match(fieldErrorText(page.html, 'national_code') ?? '', /معتبر نیست/);
    page = await c.submit({ national_code: profile.identifier, captcha: '99999' });
    assert.match(fieldErrorText(page.html, 'captcha') ?? '', /درست نیست/);
    assert.match(page.html, new RegExp(`value="${profile.identifier}"`), 'what was typed is kept');
    assert.equal(await smsCount(t, '09125550901'), 0);
  });

  test('sends are budgeted per profile (with a cooldown): the owner keeps the code, the phone is not flooded', async () => {
    const L = t.services.config.limits;
    const profile = await profileIn(t, 'tracking_code', { identifier: nationalCode(3001), mobile: '09125550902' });
    const answers = new Set<string>();
    const ask = async () => answers.add(answerOf(await check(profile.identifier), profile.identifier));
    await ask();
    await ask(); // within the cooldown: the same answer, no second SMS
    assert.equal(await smsCount(t, '09125550902'), 1);
    for (let i = 0; i < 5; i++) {
      t.clock.advance(L.otpResendCooldownMs);
      await ask();
    }
    assert.equal(await smsCount(t, '09125550902'), L.sejamCodeSmsPerProfile, 'no more than the profile budget');
    assert.equal(answers.size, 1, 'a spent budget does not change the answer');
    t.clock.advance(L.sejamCodeSmsWindowMs);
    await ask();
    assert.equal(await smsCount(t, '09125550902'), L.sejamCodeSmsPerProfile + 1, 'the window ends by itself');
  });

  test('many asking at once for one profile: one SMS (the cooldown is a locked row, on any node)', async () => {
    const profile = await profileIn(t, 'tracking_code', { identifier: nationalCode(3101), mobile: '09125550904' });
    const clients = Array.from({ length: 6 }, () => client());
    await Promise.all(clients.map((c) => c.get('/sejam/tracking-code')));
    const pages = await Promise.all(
      clients.map((c) => c.submit({ national_code: profile.identifier, captcha: '12345' })),
    );
    for (const p of pages) assert.match(p.url, /\/answered\?/);
    assert.equal(await smsCount(t, '09125550904'), 1);
  });

  test("one mobile with many profiles (a representative's) gets at most its own budget", async () => {
    const L = t.services.config.limits;
    const mobile = '09125550903';
    const ids = [];
    for (let i = 0; i < L.sejamCodeSmsPerMobile + 2; i++) {
      const id = legalId(400 + i);
      await profileIn(t, 'tracking_code', { identifier: id, mobile, personType: 'legal' });
      ids.push(id);
    }
    for (const id of ids) await check(id);
    assert.equal(await smsCount(t, mobile), L.sejamCodeSmsPerMobile);
  });

  test('one address asking for many codes is stopped; the owner elsewhere is not', async () => {
    const small = await createTestApp({ limits: { smsPerIp: 2 } });
    try {
      const profiles = [];
      for (let i = 0; i < 4; i++) {
        profiles.push(
          await profileIn(small, 'tracking_code', { identifier: nationalCode(5001 + i), mobile: `0912555100${i}` }),
        );
      }
      const flooder = () => new FormClient(small.app, '203.0.113.66');
      for (const p of profiles.slice(0, 3)) {
        const c = flooder();
        await c.get('/sejam/tracking-code');
        await c.submit({ national_code: p.identifier, captcha: '12345' });
      }
      assert.deepEqual(
        await Promise.all(profiles.slice(0, 3).map((p) => smsCount(small, p.mobile))),
        [1, 1, 0],
        'the flood guard stopped the third send from that address',
      );
      const owner = new FormClient(small.app, '203.0.113.67');
      await owner.get('/sejam/tracking-code');
      await owner.submit({ national_code: profiles[2]!.identifier, captcha: '12345' });
      assert.equal(await smsCount(small, profiles[2]!.mobile), 1, 'the owner, from another address, gets the code');
    } finally {
      await small.close();
    }
  });

  test('the JSON API: the same rule and one answer, whatever the state; never cached', async () => {
    const post = async (nc: string) => {
      const cap = await t.app.inject({ method: 'POST', url: '/api/v1/captcha', remoteAddress: '198.51.100.200' });
      return t.app.inject({
        method: 'POST',
        url: '/api/v1/sejam/tracking-code',
        remoteAddress: '198.51.100.200',
        payload: { national_code: nc, captcha_id: cap.json().id, captcha: '12345' },
      });
    };
    const shape = (r: Awaited<ReturnType<typeof post>>) => {
      const { flow } = r.json() as { flow: Record<string, unknown> };
      return JSON.stringify({ ...flow, id: 'x', expiresAt: 'x' });
    };
    const ready = await profileIn(t, 'tracking_code', { identifier: nationalCode(6001), mobile: '09125550910' });
    const early = await profileIn(t, 'forms', { identifier: nationalCode(6002), mobile: '09125550911' });
    const answers = [await post(ready.identifier), await post(early.identifier), await post(nationalCode(6003))];
    for (const r of answers) {
      assert.equal(r.statusCode, 201, r.body);
      assert.equal(r.headers['cache-control'], 'no-store');
      assert.doesNotMatch(r.body, /0912555091/);
    }
    assert.equal(new Set(answers.map(shape)).size, 1);
    assert.deepEqual(JSON.parse(shape(answers[0]!)).view, {});
    assert.equal(await smsCount(t, '09125550910'), 1);
    assert.equal(await smsCount(t, '09125550911'), 0);
    const bad = await post('12');
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().errors[0].code, 'sejam.identifier_format');
  });
});
