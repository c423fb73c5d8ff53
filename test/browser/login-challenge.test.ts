/**
 * The login page's challenge in a browser, both ways, for an account that needs one (someone
 * failed its password three times): with JavaScript the automatic check passes with nothing
 * typed, even when «ورود» is pressed before it finished; without JavaScript the image captcha is
 * on the page from the start and works on the first submit. axe on both, and 360 px screenshots.
 */
import assert from 'node:assert/strict';
import { createAccount, type TestAccount } from '../helpers/accounts.js';
import { createSvgCaptcha, seededRandom } from '../../src/registries/captcha/index.js';
import {
  browserTest,
  checkPage,
  describeBrowser,
  screenshot,
  submitWith,
  type BrowserEnv,
  type Page,
} from './harness.js';
import { expectPath, field } from './flows.js';

async function failThreeTimes(env: BrowserEnv, acc: TestAccount): Promise<void> {
  for (let i = 0; i < env.t.services.config.limits.loginCaptchaAfter; i++) {
    const r = await env.t.app.inject({
      method: 'POST',
      url: '/api/v1/login',
      remoteAddress: '192.0.2.99',
      payload: { username: acc.nationalCode, password: 'Wrong1234' },
    });
    assert.equal(r.statusCode, 401);
  }
}

/** Shows a real captcha image (the test app's simulator draws «12345» as text) for the screenshot. */
async function realCaptchaImages(page: Page): Promise<void> {
  const gen = createSvgCaptcha({ random: seededRandom(1404) });
  await page.route('**/captcha/*.svg', (route) =>
    route.fulfill({ status: 200, contentType: 'image/svg+xml', body: gen.generate().svg }),
  );
}

describeBrowser('the login page always carries a challenge', (env) => {
  browserTest('with JavaScript: the automatic check passes with nothing typed', async () => {
    const acc = await createAccount(env.t, { nationalCode: '0084575948' });
    await failThreeTimes(env, acc);
    const page = await env.newPage();
    // hold every SHA-256 until released, to press «ورود» while the check is still running
    await page.addInitScript(() => {
      const w = globalThis as unknown as {
        crypto: { subtle: { digest: (...a: unknown[]) => Promise<unknown> } };
        releaseDigests?: () => void;
      };
      const gate = new Promise<void>((resolve) => (w.releaseDigests = resolve));
      const digest = w.crypto.subtle.digest.bind(w.crypto.subtle);
      w.crypto.subtle.digest = (...a: unknown[]) => gate.then(() => digest(...a));
    });
    await page.goto(env.url('/login'));
    const auto = page.locator('[data-altcha]');
    const status = auto.locator('[data-altcha-status]');
    assert.equal(await auto.isVisible(), true, 'the automatic check is shown');
    assert.equal((await status.innerText()).trim(), 'در حال بررسی خودکار…');
    assert.equal(await page.getByLabel('کد امنیتی').isVisible(), false, 'the image field is hidden');
    assert.equal(await page.locator('img[src^="/captcha/"]').isVisible(), false);
    await checkPage(page, 'login (JS, checking)', { layout: true });

    await page.getByLabel('کد ملی').fill(acc.nationalCode);
    await field(page, 'گذرواژه').fill(acc.password);
    await page.getByRole('button', { name: 'ورود', exact: true }).click();
    // held back until the proof is ready: still here, nothing sent
    expectPath(page, /^\/login/);
    assert.equal(await page.locator('.error-summary').count(), 0);
    await Promise.all([
      page.waitForURL('**/account'),
      page.evaluate(() => (globalThis as unknown as { releaseDigests: () => void }).releaseDigests()),
    ]);
    expectPath(page, /^\/account$/);
  });

  browserTest('with JavaScript: the finished check reads «بررسی شد» (screenshot)', async () => {
    const acc = await createAccount(env.t, { nationalCode: '1279834064', mobile: '09351234567' });
    await failThreeTimes(env, acc);
    const page = await env.newPage();
    await page.goto(env.url('/login'));
    await page.locator('[data-altcha-status]', { hasText: 'بررسی شد' }).waitFor();
    await checkPage(page, 'login (JS, checked)', { layout: true });
    await screenshot(page, 'login-js-360');
    await page.getByLabel('کد ملی').fill(acc.nationalCode);
    await field(page, 'گذرواژه').fill(acc.password);
    await submitWith(page, 'ورود');
    expectPath(page, /^\/account$/);
  });

  browserTest('with JavaScript: the check renews itself before it expires, and the new proof works', async () => {
    const acc = await createAccount(env.t, { nationalCode: '4483057162', mobile: '09141234567' });
    await failThreeTimes(env, acc);
    const page = await env.newPage();
    await page.clock.install(); // the page's timers only: the renewal is due a minute before expiry
    await page.goto(env.url('/login'));
    const proof = page.locator('input[name="altcha"]');
    await page.locator('[data-altcha-status]', { hasText: 'بررسی شد' }).waitFor();
    const first = await proof.inputValue();
    // time passes on the server and in the page alike (the page's renewal is due a minute early)
    const ttl = env.t.services.config.limits.captchaTtlMs;
    env.t.clock.advance(ttl - 55_000);
    const renewed = page.waitForResponse((r) => r.url().endsWith('/api/v1/captcha/altcha') && r.status() === 201);
    await page.clock.fastForward(ttl - 55_000);
    await renewed;
    await page.waitForFunction((old) => {
      const d = (globalThis as unknown as { document: { querySelector(s: string): { value: string } | null } })
        .document;
      const v = d.querySelector('input[name="altcha"]')?.value;
      return Boolean(v) && v !== old;
    }, first);
    env.t.clock.advance(60_000);
    assert.equal(await env.t.services.captcha.checkAltcha(first), 'expired', 'the first proof is stale by now');
    await page.getByLabel('کد ملی').fill(acc.nationalCode);
    await field(page, 'گذرواژه').fill(acc.password);
    await submitWith(page, 'ورود');
    expectPath(page, /^\/account$/);
  });

  browserTest('without JavaScript: the image captcha is there from the start and works', async () => {
    const acc = await createAccount(env.t, { nationalCode: '2271568439', mobile: '09131234567' });
    await failThreeTimes(env, acc);
    const page = await env.newPage({ javaScriptEnabled: false });
    await page.goto(env.url('/login'));
    assert.equal(await page.getByLabel('کد امنیتی').isVisible(), true, 'the image field is shown');
    assert.equal(await page.locator('[data-altcha]').isVisible(), false, 'the automatic check is not');
    await checkPage(page, 'no-JS login', { layout: true });
    await page.getByLabel('کد ملی').fill(acc.nationalCode);
    await field(page, 'گذرواژه').fill(acc.password);
    await page.getByLabel('کد امنیتی').fill('۱۲۳۴۵');
    await submitWith(page, 'ورود');
    expectPath(page, /^\/account$/);
  });

  browserTest('without JavaScript: the real image at 360 px (screenshot)', async () => {
    const page = await env.newPage({ javaScriptEnabled: false });
    await realCaptchaImages(page);
    await page.goto(env.url('/login'));
    const img = page.locator('img[src^="/captcha/"]');
    const size = await img.evaluate((el: { clientWidth: number; clientHeight: number }) => [
      el.clientWidth,
      el.clientHeight,
    ]);
    assert.deepEqual(size, [240, 80], 'shown at its full 240×80, not shrunk');
    await checkPage(page, 'no-JS login (real image)', { layout: true });
    await screenshot(page, 'login-no-js-360');
  });
});
