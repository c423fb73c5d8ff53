import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { lastCode, lastSms } from '../../../test/helpers/browser.js';
import { injectTransport, visitGateway } from '../../../test/helpers/payment-buyer.js';
import { ALI_FORMS } from '../../../test/helpers/sejam.js';
import { findProfileByIdentifier } from '../../sejam/profiles.js';
import type { BrowserInstruction } from '../../registries/payment/port.js';

/**
 * The same registration through the engine's JSON API, as an app walks it: the first call's flow
 * token on every later one, the gateway instruction read from the paying flow's view (the app
 * opens it in the person's browser), the forms, the review, the inquiry, the tracking code.
 */
describe('Sejam registration over the JSON API', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(async () => t.close());

  const ip = '198.51.100.77';
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  type Answer = { status: number; body: any };
  async function call(method: 'GET' | 'POST', url: string, payload?: object, headers = {}): Promise<Answer> {
    const res = await t.app.inject({ method, url, headers, remoteAddress: ip, ...(payload ? { payload } : {}) });
    return { status: res.statusCode, body: res.body ? res.json() : null };
  }

  test('mobile, code, person, the fee paid on the gateway, five forms, review, inquiry: the tracking code', async () => {
    const captcha = { captcha_id: (await call('POST', '/api/v1/captcha')).body.id as string, captcha: '12345' };
    const started = await call('POST', '/api/v1/sejam', { mobile: '09121234567', ...captcha });
    assert.equal(started.status, 201, JSON.stringify(started.body));
    const id = started.body.flow.id as string;
    const token = started.body.flowToken as string;
    assert.equal(started.body.flow.state, 'verify');
    const headers = { 'x-flow-token': token };
    const step = async (name: string, payload: object, state: string) => {
      const out = await call('POST', `/api/v1/sejam/${id}/${name}`, payload, headers);
      assert.equal(out.status, 200, `${name}: ${JSON.stringify(out.body)}`);
      assert.equal(out.body.flow.state, state, `${name}: ${JSON.stringify(out.body)}`);
      return out.body.flow as { state: string; view: Record<string, unknown> };
    };
    const read = async () => (await call('GET', `/api/v1/sejam/${id}`, undefined, headers)).body.flow;

    // a client with only the flow id opens nothing
    assert.equal((await call('GET', `/api/v1/sejam/${id}`)).status, 404);
    assert.equal(
      (await call('POST', `/api/v1/sejam/${id}/verify`, { code: '000000' }, { 'x-flow-token': 'x'.repeat(43) })).status,
      404,
    );

    await step('verify', { code: await lastCode(t, '09121234567') }, 'person');
    const fee = await step('person', { person_type: 'natural', national_code: '0084575948' }, 'fee');
    assert.equal(fee.view.fee, t.services.config.sejam.feeRial, 'the app is told the fee');
    // no form opens before the fee
    assert.equal(
      (await call('POST', `/api/v1/sejam/${id}/identity`, { ...ALI_FORMS.identity, gender: 'male' }, headers)).status,
      409,
    );

    const paying = await step('fee', {}, 'paying');
    const gateway = paying.view.gateway as BrowserInstruction | null;
    assert.ok(gateway?.url, `the app is told where to send the person to pay: ${JSON.stringify(paying.view)}`);
    assert.deepEqual((await read()).view.gateway, gateway, 'and reading the flow tells it again');
    // the person's browser pays on the simulator's page and is sent back (no cookie, no token)
    const visit = await visitGateway(injectTransport(t.app), gateway, 'pay');
    assert.ok(visit.callbackUrl && visit.callback);
    const back = await t.app.inject({
      method: 'POST',
      url: visit.callbackUrl,
      payload: new URLSearchParams(visit.callback).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(back.statusCode, 303);
    await t.drain();
    const opened = await read();
    assert.equal(opened.state, 'identity', 'paid: the first form opens');
    // filled from the civil registry, for the app to show and the person to confirm
    assert.equal(opened.view.civil, 'found');
    assert.equal(opened.view.suggested.first_name, 'علی');
    assert.equal(opened.view.suggested.shenasnameh_serial, '12ب345678');
    assert.equal(opened.view.open, true);
    assert.equal(opened.view.profile, undefined, 'the profile row itself stays on the server');

    await step('identity', { ...ALI_FORMS.identity, gender: 'male' }, 'contact');
    await step('contact', ALI_FORMS.contact, 'bank');
    await step('bank', ALI_FORMS.bank, 'job');
    await step('job', ALI_FORMS.job, 'financial');
    await step('financial', ALI_FORMS.financial, 'review');
    const refused = await call('POST', `/api/v1/sejam/${id}/review`, {}, headers);
    assert.equal(refused.status, 400);
    assert.ok(
      (refused.body.errors as { field: string | null }[]).some((e) => e.field === 'confirm'),
      JSON.stringify(refused.body),
    );
    await step('review', { confirm: 'on' }, 'checking');
    await t.drain();

    const done = await read();
    assert.equal(done.state, 'registered');
    assert.equal(done.ended, true);
    const profile = await findProfileByIdentifier(t.services.db, '0084575948');
    assert.equal(profile?.state, 'tracking_code');
    assert.equal(done.view.trackingCode, profile.tracking_code, 'the app is told the tracking code');
    assert.equal(done.view.receipt.amountRials, t.services.config.sejam.feeRial, 'and the receipt');
    assert.equal(done.view.receipt.gateway, 'simulator', 'naming the gateway that took the payment');
    assert.ok(((await lastSms(t, '09121234567')) ?? '').includes(profile.tracking_code!));
  });
});
