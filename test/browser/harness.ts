/**
 * Browser end-to-end harness: the app in-process on a loopback port, a system Chromium driven by
 * playwright-core, axe-core for accessibility, and a few checks of the 360 px phone layout.
 *
 * - Chromium: $CHROMIUM_PATH if set (and then only that), else /usr/bin/chromium, else
 *   /usr/bin/chromium-browser. No Chromium → the suite is skipped with a message, unless
 *   HOVIYAT_REQUIRE_BROWSER=1 (CI), where it fails instead. Browsers are never downloaded.
 * - The app comes from createTestApp(): ManualClock, captcha always 12345, no background worker
 *   (call env.smsCode(), which drains the job queue before reading the dev inbox).
 * - Pages are a cheap phone: 360×740, locale fa-IR.
 *
 * tsconfig has no DOM lib, so code run inside the page reaches the DOM through `globalThis`.
 */
import { test, describe, before, after, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import axe from 'axe-core';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { lastCode } from '../helpers/browser.js';

export type { Page } from 'playwright-core';

/** Per-test bound; every hook and test in these files uses it. */
export const TEST_TIMEOUT_MS = 60_000;
/** Bound for a single Playwright action/navigation, well inside the test's own. */
const ACTION_TIMEOUT_MS = 15_000;
export const VIEWPORT = { width: 360, height: 740 } as const;
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const root = join(fileURLToPath(import.meta.url), '..', '..', '..');
/** Screenshots for humans (gitignored). */
export const RESULTS_DIR = join(root, 'test-results');

export function chromiumCandidates(env: NodeJS.ProcessEnv = process.env): string[] {
  const fromEnv = env.CHROMIUM_PATH?.trim();
  return fromEnv ? [fromEnv] : ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
}

export function findChromium(env: NodeJS.ProcessEnv = process.env): { path: string | null; tried: string[] } {
  const tried = chromiumCandidates(env);
  return { path: tried.find((p) => existsSync(p)) ?? null, tried };
}

const browserRequired = () => /^(1|true|yes)$/i.test(process.env.HOVIYAT_REQUIRE_BROWSER ?? '');

export interface BrowserEnv {
  /** The app under test (clock, services, drain). Valid inside tests and hooks. */
  readonly t: TestApp;
  readonly baseUrl: string;
  url(path: string): string;
  /** A fresh browser context (own cookies) with one page: 360×740, fa-IR. */
  newPage(opts?: { javaScriptEnabled?: boolean }): Promise<Page>;
  /** Runs due jobs (the SMS sender) and reads the newest 6-digit code sent to the mobile. */
  smsCode(mobile: string): Promise<string>;
}

interface PageInfo {
  js: boolean;
  /** The current document's Content-Security-Policy, so a no-JS snapshot is served under it too. */
  csp?: string;
  /** Uncaught exceptions and console errors (CSP violations, failed loads) seen on the page. */
  problems: string[];
}
const pageInfo = new WeakMap<Page, PageInfo>();
/** One JS-enabled context per browser for checking no-JS pages (see snapshotPage). */
const checkers = new WeakMap<Browser, BrowserContext>();

/**
 * A describe() block with a running app and browser, or a skipped/failing placeholder when there
 * is no Chromium. `body` registers the tests (use browserTest for the timeout).
 */
export function describeBrowser(title: string, body: (env: BrowserEnv) => void): void {
  const found = findChromium();
  if (!found.path) {
    const where = found.tried.join(', ');
    if (browserRequired()) {
      test(`${title}: Chromium is required (HOVIYAT_REQUIRE_BROWSER=1)`, () => {
        assert.fail(`no Chromium found at ${where}; install chromium or set CHROMIUM_PATH`);
      });
    } else {
      const message = `browser tests skipped: no Chromium found at ${where} (set CHROMIUM_PATH, or HOVIYAT_REQUIRE_BROWSER=1 to fail instead)`;
      console.log(message);
      test.skip(message);
    }
    return;
  }
  const executablePath = found.path;

  describe(title, () => {
    let app: TestApp | undefined;
    let browser: Browser | undefined;
    let baseUrl = '';
    const contexts: BrowserContext[] = [];

    before(
      async () => {
        app = await createTestApp();
        await app.app.listen({ host: '127.0.0.1', port: 0 });
        const address = app.app.server.address();
        assert.ok(address && typeof address === 'object', 'the app is not listening on a TCP port');
        baseUrl = `http://127.0.0.1:${address.port}`;
        browser = await chromium.launch({ executablePath, args: LAUNCH_ARGS, timeout: 30_000 });
      },
      { timeout: TEST_TIMEOUT_MS },
    );

    after(
      async () => {
        await Promise.allSettled(contexts.map((c) => c.close()));
        if (browser) await browser.close().catch(() => undefined);
        if (app) await app.close();
      },
      { timeout: TEST_TIMEOUT_MS },
    );

    const env: BrowserEnv = {
      get t() {
        assert.ok(app, 'the app is not started (use env.t inside tests)');
        return app;
      },
      get baseUrl() {
        return baseUrl;
      },
      url: (path: string) => new URL(path, baseUrl).toString(),
      async newPage(opts = {}) {
        assert.ok(browser, 'the browser is not started');
        const js = opts.javaScriptEnabled ?? true;
        const context = await browser.newContext({ viewport: VIEWPORT, locale: 'fa-IR', javaScriptEnabled: js });
        contexts.push(context);
        context.setDefaultTimeout(ACTION_TIMEOUT_MS);
        context.setDefaultNavigationTimeout(ACTION_TIMEOUT_MS);
        // Only loopback: anything else the page asks for is refused.
        await context.route(
          (u) => u.hostname !== '127.0.0.1',
          (route) => route.abort('blockedbyclient'),
        );
        const page = await context.newPage();
        const info: PageInfo = { js, problems: [] };
        pageInfo.set(page, info);
        page.on('response', (res) => {
          if (res.request().isNavigationRequest() && res.frame() === page.mainFrame()) {
            info.csp = res.headers()['content-security-policy'];
          }
        });
        page.on('pageerror', (err) => info.problems.push(`uncaught exception at ${page.url()}: ${err.message}`));
        page.on('console', (msg) => {
          if (msg.type() !== 'error') return;
          const from = msg.location().url;
          // A form answered 400/404/429 is a page the app meant to show; failed subresources count.
          if (from === page.url() && msg.text().startsWith('Failed to load resource')) return;
          info.problems.push(`console error at ${page.url()}: ${msg.text()}`);
        });
        return page;
      },
      async smsCode(mobile: string) {
        return lastCode(env.t, mobile); // drains the job queue first
      },
    };

    body(env);
  });
}

/** test() with the browser timeout. */
export function browserTest(name: string, fn: (tc: TestContext) => Promise<void>): void {
  test(name, { timeout: TEST_TIMEOUT_MS }, fn);
}

/* ------------------------------------------------------------------ page snapshots (no-JS pages) */

/**
 * Scripts can't be awaited in a javaScriptEnabled:false page (Chromium closes the page when an
 * evaluated promise needs the event loop), so axe and layout checks for such a page run on a
 * copy: the same HTML served at the same origin, under the same CSP, in a scripting page whose
 * scripts (/assets/*.js) are blocked, i.e. what a browser without JavaScript shows (the app has no
 * <noscript>, the one thing that would render differently).
 */
async function snapshotPage(page: Page): Promise<Page> {
  const browser = page.context().browser();
  assert.ok(browser, 'page has no browser');
  let checker = checkers.get(browser);
  if (!checker) {
    checker = await browser.newContext({ viewport: VIEWPORT, locale: 'fa-IR', javaScriptEnabled: true });
    checker.setDefaultTimeout(ACTION_TIMEOUT_MS);
    checkers.set(browser, checker);
  }
  const html = await page.content();
  const csp = pageInfo.get(page)?.csp;
  const origin = new URL(page.url()).origin;
  const snapUrl = `${origin}/__no-js-snapshot__`;
  const copy = await checker.newPage();
  await copy.route(
    (u) => u.origin !== origin || /^\/assets\/[^/]+\.js$/.test(u.pathname),
    (route) => route.abort('blockedbyclient'),
  );
  await copy.route(snapUrl, (route) =>
    route.fulfill({
      status: 200,
      contentType: 'text/html; charset=utf-8',
      headers: csp ? { 'content-security-policy': csp } : {},
      body: html,
    }),
  );
  await copy.goto(snapUrl);
  return copy;
}

async function withScriptablePage<T>(page: Page, fn: (p: Page) => Promise<T>): Promise<T> {
  if (pageInfo.get(page)?.js !== false) return fn(page);
  const copy = await snapshotPage(page);
  try {
    return await fn(copy);
  } finally {
    await copy.close();
  }
}

/* ------------------------------------------------------------------ axe */

interface AxeFinding {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: string; html: string; summary: string }[];
}

async function runAxe(page: Page): Promise<AxeFinding[]> {
  if (!(await page.evaluate('typeof window.axe === "object"'))) await page.evaluate(axe.source);
  return page.evaluate(async (tags: string[]) => {
    type AxeNode = { target: unknown[]; html: string; failureSummary?: string };
    type AxeViolation = { id: string; impact?: string | null; help: string; helpUrl: string; nodes: AxeNode[] };
    const w = globalThis as unknown as {
      document: unknown;
      axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: AxeViolation[] }> };
    };
    const r = await w.axe.run(w.document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({
        target: JSON.stringify(n.target),
        html: n.html.slice(0, 300),
        summary: n.failureSummary ?? '',
      })),
    }));
  }, AXE_TAGS);
}

export function formatFindings(label: string, url: string, findings: AxeFinding[]): string {
  const lines = [`axe: ${findings.length} violation(s) on ${label} (${url})`];
  for (const f of findings) {
    lines.push(`- [${f.impact}] ${f.id}: ${f.help} (${f.helpUrl})`);
    for (const n of f.nodes)
      lines.push(`    at ${n.target}\n      ${n.html}\n      ${n.summary.replace(/\n/g, '\n      ')}`);
  }
  return lines.join('\n');
}

/** Runs axe (WCAG 2.0/2.1 A and AA) on the page; fails on any serious or critical violation. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const url = page.url();
  assertAxe(label, url, await withScriptablePage(page, runAxe));
}

function assertAxe(label: string, url: string, findings: AxeFinding[]): void {
  const bad = findings.filter((f) => f.impact === 'serious' || f.impact === 'critical');
  const minor = findings.filter((f) => !bad.includes(f));
  if (minor.length && process.env.HOVIYAT_AXE_VERBOSE) console.log(formatFindings(label, url, minor));
  assert.equal(bad.length, 0, formatFindings(label, url, bad));
}

/* ------------------------------------------------------------------ layout */

interface LayoutFacts {
  lang: string | null;
  dir: string | null;
  scrollWidth: number;
  fontCheck: boolean;
  vazirmatnLoaded: boolean;
  overflowing: string[];
}

async function layoutFacts(page: Page): Promise<LayoutFacts> {
  return page.evaluate(async (width: number) => {
    type El = {
      tagName: string;
      id: string;
      className: unknown;
      getAttribute(n: string): string | null;
      getBoundingClientRect(): { left: number; right: number };
    };
    const d = (
      globalThis as unknown as {
        document: {
          documentElement: El & { scrollWidth: number };
          fonts: {
            ready: Promise<unknown>;
            check(f: string): boolean;
            forEach(fn: (f: { family: string; status: string }) => void): void;
          };
          querySelectorAll(s: string): ArrayLike<El>;
        };
      }
    ).document;
    await d.fonts.ready;
    let vazirmatnLoaded = false;
    d.fonts.forEach((f) => {
      if (f.family.replace(/["']/g, '') === 'Vazirmatn' && f.status === 'loaded') vazirmatnLoaded = true;
    });
    const overflowing: string[] = [];
    const all = d.querySelectorAll('body *');
    for (let i = 0; i < all.length && overflowing.length < 10; i++) {
      const el = all[i]!;
      const r = el.getBoundingClientRect();
      if (r.right > width + 0.5 || r.left < -0.5) {
        const cls =
          typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
        overflowing.push(
          `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${cls} [${Math.round(r.left)}..${Math.round(r.right)}]`,
        );
      }
    }
    return {
      lang: d.documentElement.getAttribute('lang'),
      dir: d.documentElement.getAttribute('dir'),
      scrollWidth: d.documentElement.scrollWidth,
      fontCheck: d.fonts.check('16px Vazirmatn'),
      vazirmatnLoaded,
      overflowing,
    };
  }, VIEWPORT.width);
}

/** 360 px phone layout: Persian RTL document, no horizontal scrolling, Vazirmatn loaded. */
export async function expectPhoneLayout(page: Page, label: string): Promise<void> {
  const url = page.url();
  assertLayout(label, url, await withScriptablePage(page, layoutFacts));
}

function assertLayout(label: string, url: string, f: LayoutFacts): void {
  assert.equal(f.lang, 'fa', `${label} (${url}): <html lang> is ${f.lang}`);
  assert.equal(f.dir, 'rtl', `${label} (${url}): <html dir> is ${f.dir}`);
  assert.ok(
    f.scrollWidth <= VIEWPORT.width,
    `${label} (${url}): scrolls sideways at ${VIEWPORT.width} px (scrollWidth ${f.scrollWidth}); wider elements: ${f.overflowing.join(', ') || 'none found'}`,
  );
  assert.ok(
    f.fontCheck && f.vazirmatnLoaded,
    `${label} (${url}): the Vazirmatn font is not loaded (check ${f.fontCheck}, face loaded ${f.vazirmatnLoaded})`,
  );
}

/** Whether the page was opened with JavaScript (env.newPage's javaScriptEnabled). */
export function hasJavaScript(page: Page): boolean {
  return pageInfo.get(page)?.js !== false;
}

/** No uncaught script errors and no console errors (CSP violations, failed loads) so far. */
export function expectNoPageProblems(page: Page, label: string): void {
  const problems = pageInfo.get(page)?.problems ?? [];
  assert.deepEqual(problems, [], `${label}: the page reported problems:\n${problems.join('\n')}`);
}

/** axe + no script/console problems, and (optionally) the phone layout checks; one snapshot for no-JS pages. */
export async function checkPage(page: Page, label: string, opts: { layout?: boolean } = {}): Promise<void> {
  expectNoPageProblems(page, label);
  const url = page.url();
  const { findings, layout } = await withScriptablePage(page, async (p) => ({
    // layout first: axe's injection must not be what the fonts/scroll checks see
    layout: opts.layout ? await layoutFacts(p) : null,
    findings: await runAxe(p),
  }));
  assertAxe(label, url, findings);
  if (layout) assertLayout(label, url, layout);
}

/* ------------------------------------------------------------------ small helpers */

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const path = join(RESULTS_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Whether the element has keyboard focus. */
export async function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate(
    (el) => el === (globalThis as { document?: { activeElement?: unknown } }).document?.activeElement,
  );
}

/** The path and query of the page's URL (e.g. `/registration/email?flow=…`). */
export function pathOf(page: Page): string {
  const u = new URL(page.url());
  return u.pathname + u.search;
}

/** Clicks a button and waits for the navigation it starts (forms post and redirect). */
export async function submitWith(page: Page, buttonName: string | RegExp): Promise<void> {
  const button = page.getByRole(
    'button',
    typeof buttonName === 'string' ? { name: buttonName, exact: true } : { name: buttonName },
  );
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), button.click()]);
}
