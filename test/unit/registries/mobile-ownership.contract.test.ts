/**
 * One contract for the Shahkar (mobile ownership) port, run against the simulator and against the
 * HTTP gateway adapter talking to the simulated gateway server (same population).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createMobileOwnership, type MobileOwnership } from '../../../src/registries/mobile-ownership/index.js';
import { startSimulatedGateway } from '../../../src/registries/simulation/gateway-server.js';
import { AMPLE_MS, CODES, demo, firstMobile, manualSleep, person, settledYet, within } from './helpers.js';

interface SubjectOptions {
  slowMs?: number;
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
}
type Factory = (o: SubjectOptions) => Promise<{ ownership: MobileOwnership; close(): Promise<void> }>;

const TOKEN = 'test-token';
const subjects: [string, Factory][] = [
  [
    'simulator',
    (o) =>
      Promise.resolve({
        ownership: createMobileOwnership({
          kind: 'simulator',
          population: demo,
          slowMs: o.slowMs ?? 50,
          sleep: o.sleep,
          timeoutMs: o.timeoutMs ?? AMPLE_MS,
        }),
        close: () => Promise.resolve(),
      }),
  ],
  [
    'http gateway',
    async (o) => {
      const gw = await startSimulatedGateway({
        population: demo,
        token: TOKEN,
        slowMs: o.slowMs ?? 50,
        sleep: o.sleep,
      });
      return {
        ownership: createMobileOwnership({
          kind: 'http',
          baseUrl: gw.url,
          token: TOKEN,
          timeoutMs: o.timeoutMs ?? AMPLE_MS,
        }),
        close: () => gw.close(),
      };
    },
  ],
];

for (const [name, make] of subjects) {
  const withSubject = async (o: SubjectOptions, fn: (m: MobileOwnership) => Promise<void>) => {
    const s = await make(o);
    try {
      await fn(s.ownership);
    } finally {
      await s.close();
    }
  };

  test(`mobile ownership contract (${name})`, async (t) => {
    await t.test("the person's own mobile → match (every one of them)", () =>
      withSubject({}, async (m) => {
        assert.deepEqual(await m.check(CODES.standard, firstMobile(CODES.standard)), { status: 'match' });
        const both = person(CODES.twoMobiles).mobiles;
        assert.equal(both.length, 2);
        for (const mobile of both) assert.deepEqual(await m.check(CODES.twoMobiles, mobile), { status: 'match' });
      }),
    );

    await t.test('foreign national (FIDA code) with own mobile → match', () =>
      withSubject({}, async (m) => {
        assert.deepEqual(await m.check(CODES.foreign1, firstMobile(CODES.foreign1)), { status: 'match' });
      }),
    );

    await t.test("someone else's mobile, an unknown mobile, an unknown person → no_match", () =>
      withSubject({}, async (m) => {
        assert.deepEqual(await m.check(CODES.standard, firstMobile(CODES.zwnj)), { status: 'no_match' });
        assert.deepEqual(await m.check(CODES.standard, '09120000000'), { status: 'no_match' });
        assert.deepEqual(await m.check(CODES.unknown, firstMobile(CODES.standard)), { status: 'no_match' });
      }),
    );

    await t.test('magic 0999009… (SMS rejection number) is an ordinary mobile for Shahkar', () =>
      withSubject({}, async (m) => {
        assert.deepEqual(await m.check(CODES.smsRejected, firstMobile(CODES.smsRejected)), { status: 'match' });
      }),
    );

    await t.test('magic 0999000… → unavailable/outage, for anyone', () =>
      withSubject({}, async (m) => {
        const mobile = firstMobile(CODES.mobileOutage);
        assert.ok(mobile.startsWith('0999000'));
        assert.deepEqual(await m.check(CODES.mobileOutage, mobile), { status: 'unavailable', reason: 'outage' });
        assert.deepEqual(await m.check(CODES.standard, mobile), { status: 'unavailable', reason: 'outage' });
      }),
    );

    await t.test('magic 0999001… slower than the timeout → unavailable/timeout', async () => {
      // the simulated answer waits until the test ends the sleep, so only the deadline can answer
      const slow = manualSleep();
      await withSubject({ slowMs: 8000, timeoutMs: 20, sleep: slow.sleep }, async (m) => {
        try {
          assert.deepEqual(await within(m.check(CODES.mobileSlow, firstMobile(CODES.mobileSlow)), 'the slow call'), {
            status: 'unavailable',
            reason: 'timeout',
          });
        } finally {
          slow.release();
        }
      });
    });

    await t.test('magic 0999001… within the timeout → normal answer after slowMs', async () => {
      const slow = manualSleep();
      await withSubject({ slowMs: 8000, sleep: slow.sleep }, async (m) => {
        const answer = m.check(CODES.mobileSlow, firstMobile(CODES.mobileSlow));
        await within(slow.reached, 'the slow answer');
        assert.deepEqual(slow.requested, [8000], 'the answer is held back for slowMs');
        // meanwhile another call gets its answer at once, and the slow one still has none
        assert.deepEqual(await m.check(CODES.standard, firstMobile(CODES.standard)), { status: 'match' });
        assert.equal(await settledYet(answer), false, 'no answer while Shahkar is slow');
        slow.release();
        assert.deepEqual(await answer, { status: 'match' });
        assert.deepEqual(await m.check(CODES.standard, firstMobile(CODES.mobileSlow)), { status: 'no_match' });
        assert.deepEqual(slow.requested, [8000, 8000]);
      });
    });
  });
}
