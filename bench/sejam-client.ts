/**
 * One Sejam registration through the JSON API over real HTTP, as an app and the person's browser
 * walk it (the order of src/journeys/sejam/api.test.ts): a captcha, the mobile, the SMS code read
 * from the dev SMS inbox, the national code, the fee paid on the simulated gateway's page and its
 * callback, the five forms, the review, and the flow read until the inquiry jobs have issued the
 * tracking code. Every request is timed by step; every unexpected answer ends the registration
 * with a BenchError naming the step.
 */
import { sleep } from './common.js';
import type { Registrant } from './sejam-people.js';
import { visitGateway, type Answer, type Transport } from '../test/helpers/payment-buyer.js';
import type { BrowserInstruction } from '../src/registries/payment/port.js';

export class BenchError extends Error {
  constructor(
    readonly step: string,
    detail: string,
  ) {
    super(`${step}: ${detail}`);
  }
}

/** Request and wait timings (ms) by step, and how many requests of each kind were made. */
export class Recorder {
  readonly steps = new Map<string, number[]>();
  readonly waits = new Map<string, number[]>();
  journeyRequests = 0;
  pollRequests = 0;

  step(name: string, msTaken: number): void {
    let l = this.steps.get(name);
    if (!l) this.steps.set(name, (l = []));
    l.push(msTaken);
  }

  wait(name: string, msTaken: number): void {
    let l = this.waits.get(name);
    if (!l) this.waits.set(name, (l = []));
    l.push(msTaken);
  }
}

export interface WalkOptions {
  base: string;
  /** The person's address, sent as X-Forwarded-For (the server trusts 127.0.0.1 as its proxy). */
  ip: string;
  pollMs: number;
  /** Bound of each wait (for the SMS, the counted fee, the inquiry). */
  waitMs: number;
  rec: Recorder;
}

interface FlowView {
  id: string;
  state: string;
  ended: boolean;
  view: Record<string, unknown>;
}

const snippet = (s: string) => s.slice(0, 300).replace(/\s+/g, ' ');

/** Walks one registration; returns the tracking code. */
export async function register(who: Registrant, o: WalkOptions): Promise<string> {
  const { rec } = o;

  async function send(
    step: string,
    method: 'GET' | 'POST',
    path: string,
    body: { json?: object; form?: Record<string, string> } = {},
    headers: Record<string, string> = {},
    poll = false,
  ): Promise<Answer> {
    const h: Record<string, string> = { 'x-forwarded-for': o.ip, 'user-agent': 'hoviyat-bench', ...headers };
    let payload: string | undefined;
    if (body.json) {
      h['content-type'] = 'application/json';
      payload = JSON.stringify(body.json);
    } else if (body.form) {
      h['content-type'] = 'application/x-www-form-urlencoded';
      payload = new URLSearchParams(body.form).toString();
    }
    const t = performance.now();
    let res: Response;
    try {
      res = await fetch(new URL(path, o.base), { method, headers: h, body: payload, redirect: 'manual' });
    } catch (err) {
      throw new BenchError(step, `request failed: ${err instanceof Error ? err.message : String(err)}`);
    }
    const text = await res.text();
    rec.step(step, performance.now() - t);
    if (poll) rec.pollRequests++;
    else rec.journeyRequests++;
    return { status: res.status, location: res.headers.get('location'), body: text };
  }

  function expect(step: string, a: Answer, status: number): Answer {
    if (a.status !== status) throw new BenchError(step, `status ${a.status}, expected ${status}: ${snippet(a.body)}`);
    return a;
  }

  const json = <T>(step: string, a: Answer): T => {
    try {
      return JSON.parse(a.body) as T;
    } catch {
      throw new BenchError(step, `not JSON: ${snippet(a.body)}`);
    }
  };

  /** Asks `probe` every pollMs until it answers, at most waitMs. */
  async function until<T>(wait: string, probe: () => Promise<T | undefined>): Promise<T> {
    const t = performance.now();
    for (;;) {
      const got = await probe();
      if (got !== undefined) {
        rec.wait(wait, performance.now() - t);
        return got;
      }
      if (performance.now() - t > o.waitMs) throw new BenchError(wait, `nothing after ${o.waitMs} ms`);
      await sleep(o.pollMs);
    }
  }

  // 1. a captcha (the simulator's answer is 12345), the mobile: the flow and its token
  const captcha = json<{ id: string }>(
    'captcha',
    expect('captcha', await send('captcha', 'POST', '/api/v1/captcha'), 201),
  );
  const started = json<{ flow: FlowView; flowToken: string }>(
    'mobile',
    expect(
      'mobile',
      await send('mobile', 'POST', '/api/v1/sejam', {
        json: { mobile: who.mobile, captcha_id: captcha.id, captcha: '12345' },
      }),
      201,
    ),
  );
  const token = { 'x-flow-token': started.flowToken };
  const flowPath = `/api/v1/sejam/${started.flow.id}`;

  async function step(name: string, input: object, next: string): Promise<FlowView> {
    const a = expect(name, await send(name, 'POST', `${flowPath}/${name}`, { json: input }, token), 200);
    const { flow } = json<{ flow: FlowView }>(name, a);
    if (flow.state !== next) throw new BenchError(name, `flow went to ${flow.state}, expected ${next}`);
    return flow;
  }

  /** The flow read until it leaves `from`; it must then be in `to`. */
  async function readUntil(wait: string, from: string, to: string): Promise<FlowView> {
    const flow = await until(wait, async () => {
      const a = expect(wait, await send('read flow', 'GET', flowPath, {}, token, true), 200);
      const f = json<{ flow: FlowView }>(wait, a).flow;
      return f.state === from ? undefined : f;
    });
    if (flow.state !== to) throw new BenchError(wait, `flow went to ${flow.state}, expected ${to}`);
    return flow;
  }

  // 2. the SMS code, from the simulated phone's inbox (the SMS job delivers it)
  const code = await until('wait: SMS code delivered', async () => {
    const a = expect(
      'read SMS inbox',
      await send('read SMS inbox', 'GET', `/dev/sms?to=${who.mobile}&format=json&limit=1`, {}, {}, true),
      200,
    );
    const text = json<{ messages: { text: string }[] }>('read SMS inbox', a).messages[0]?.text;
    return /\b(\d{6})\b/.exec(text ?? '')?.[1];
  });
  await step('verify', { code }, 'person');

  // 3. who registers (Shahkar: the mobile is this person's), then the fee on the gateway
  await step('person', { person_type: 'natural', national_code: who.nationalCode }, 'fee');
  const paying = await step('fee', {}, 'paying');
  const gateway = paying.view.gateway as BrowserInstruction | null;
  if (!gateway?.url) throw new BenchError('fee', `no gateway instruction: ${JSON.stringify(paying.view)}`);
  // the person's browser: the gateway's page, the card, "pay"; the page posts back to our callback
  let n = 0;
  const browser: Transport = (method, url, form) =>
    send(['gateway: open page', 'gateway: pay'][n++] ?? 'gateway: more', method, url, form ? { form } : {});
  const visit = await visitGateway(browser, gateway, 'pay');
  if (!visit.callback || !visit.callbackUrl)
    throw new BenchError('gateway: pay', `no way back to the merchant (status ${visit.page.status})`);
  const back = expect('callback', await send('callback', 'POST', visit.callbackUrl, { form: visit.callback }), 303);
  if (!back.location) throw new BenchError('callback', 'no Location');
  expect('payment return', await send('payment return', 'GET', back.location), 303);
  await readUntil('wait: fee counted, first form open', 'paying', 'identity');

  // 4. the forms, the review
  await step('identity', who.forms.identity, 'contact');
  await step('contact', who.forms.contact, 'bank');
  await step('bank', who.forms.bank, 'job');
  await step('job', who.forms.job, 'financial');
  await step('financial', who.forms.financial, 'review');
  await step('review', { confirm: 'on' }, 'checking');

  // 5. the inquiry jobs run; the last one issues the tracking code
  const done = await readUntil('wait: inquiry → tracking code', 'checking', 'registered');
  const trackingCode = done.view.trackingCode;
  if (typeof trackingCode !== 'string' || !/^\d{10}$/.test(trackingCode))
    throw new BenchError('registered', `no tracking code in ${JSON.stringify(done.view)}`);
  return trackingCode;
}
