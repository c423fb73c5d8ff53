/**
 * What the Sejam inquiry ports' contract tests share: the two implementations of a port (the
 * simulator, and the HTTP adapter talking to the simulated gateway server over the same
 * records), and the magic-input cases every one of them must pass.
 */
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import type { InquiryHttpConfig, InquirySimulatorConfig } from '../../../src/registries/inquiry-config.js';
import { startSimulatedGateway } from '../../../src/registries/simulation/gateway-server.js';
import { loadInquiryRecords } from '../../../src/registries/simulation/inquiry-records.js';
import { AMPLE_MS, demo, manualSleep, settledYet, within } from './helpers.js';

/** The demo records: sim/people.json and sim/companies.json. */
export const records = loadInquiryRecords({ population: demo });

/** Demo accounts (docs/simulators.md). */
export const SHEBAS = {
  aliMelli: 'IR380170000000103456789001',
  aliMellatClosed: 'IR500120000000002345678901',
  fatemehParsian: 'IR820540102680020817909002',
  seyedMellat: 'IR890120000000007766554433',
  seyedSaderat: 'IR090190000000000271839405',
  ariaMellat: 'IR790120000000001010203040',
  parsnikSepahClosed: 'IR940150000000002233445566',
  outage: 'IR570179990000000000000000',
  transient: 'IR810179990100000000000000',
  slow: 'IR080179990200000000000000',
} as const;

/** Demo postal codes (docs/simulators.md). */
export const POSTAL_CODES = {
  ali: '1463743331',
  seyed: '1966733111',
  aria: '1517673111',
  /** Valid, and nobody's. */
  unknown: '1193653471',
  outage: '9999911111',
  transient: '9999811111',
  slow: '9999711111',
} as const;

/** Demo legal persons and the magic national IDs (docs/simulators.md). */
export const COMPANY_IDS = {
  aria: '10320894878',
  parsnik: '10100302746',
  /** Valid, and not registered. */
  unknown: '10100302765',
  outage: '99900000005',
  transient: '99901000000',
  slow: '99902000006',
} as const;

export interface SubjectOptions {
  slowMs?: number;
  transientFailures?: number;
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export type Subjects<P> = [name: string, make: (o: SubjectOptions) => Promise<{ port: P; close(): Promise<void> }>][];

const TOKEN = 'test-token';

/** The simulator and the HTTP adapter, both built by the port's own factory. */
export function inquirySubjects<P>(create: (config: InquirySimulatorConfig | InquiryHttpConfig) => P): Subjects<P> {
  return [
    [
      'simulator',
      (o) =>
        Promise.resolve({
          port: create({
            kind: 'simulator',
            records,
            slowMs: o.slowMs ?? 50,
            transientFailures: o.transientFailures ?? 2,
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
          records,
          token: TOKEN,
          slowMs: o.slowMs ?? 50,
          transientFailures: o.transientFailures ?? 2,
          sleep: o.sleep,
        });
        const port = create({ kind: 'http', baseUrl: gw.url, token: TOKEN, timeoutMs: o.timeoutMs ?? AMPLE_MS });
        return { port, close: () => gw.close() };
      },
    ],
  ];
}

export async function withPort<P>(
  make: Subjects<P>[number][1],
  o: SubjectOptions,
  fn: (port: P) => Promise<void>,
): Promise<void> {
  const s = await make(o);
  try {
    await fn(s.port);
  } finally {
    await s.close();
  }
}

export interface MagicSpec<P> {
  /** Names the call in the test titles when a port has more than one. */
  label?: string;
  /** The port's call for a magic key. */
  call(port: P, key: string): Promise<unknown>;
  outage: string;
  transient: string;
  slow: string;
  /** What the transient and slow keys answer once they answer normally. */
  normal: { transient: unknown; slow: unknown };
}

/** Outage, transient outage and slowness, as docs/simulators.md promises them. */
export async function magicCases<P>(t: TestContext, make: Subjects<P>[number][1], m: MagicSpec<P>): Promise<void> {
  const outage = { status: 'unavailable', reason: 'outage' };
  const of = m.label ? ` (${m.label})` : '';
  await t.test('magic outage → unavailable/outage every time' + of, () =>
    withPort(make, {}, async (p) => {
      for (let i = 0; i < 3; i++) assert.deepEqual(await m.call(p, m.outage), outage);
    }),
  );

  await t.test('magic transient → outage for the first transientFailures calls, then answers' + of, async () => {
    await withPort(make, { transientFailures: 2 }, async (p) => {
      assert.deepEqual(await m.call(p, m.transient), outage);
      assert.deepEqual(await m.call(p, m.transient), outage);
      assert.deepEqual(await m.call(p, m.transient), m.normal.transient);
      assert.deepEqual(await m.call(p, m.transient), m.normal.transient);
    });
    await withPort(make, { transientFailures: 0 }, async (p) => {
      assert.deepEqual(await m.call(p, m.transient), m.normal.transient);
    });
  });

  await t.test('magic slow, slower than the timeout → unavailable/timeout' + of, async () => {
    // the simulated answer waits until the test ends the sleep, so only the deadline can answer
    const slow = manualSleep();
    await withPort(make, { slowMs: 8000, timeoutMs: 20, sleep: slow.sleep }, async (p) => {
      try {
        assert.deepEqual(await within(m.call(p, m.slow), 'the slow call'), {
          status: 'unavailable',
          reason: 'timeout',
        });
      } finally {
        slow.release();
      }
    });
  });

  await t.test('magic slow, within the timeout → the normal answer after slowMs' + of, async () => {
    const slow = manualSleep();
    await withPort(make, { slowMs: 8000, sleep: slow.sleep }, async (p) => {
      const answer = m.call(p, m.slow);
      await within(slow.reached, 'the slow answer');
      assert.deepEqual(slow.requested, [8000], 'the answer is held back for slowMs');
      assert.equal(await settledYet(answer), false, 'no answer while the registry is slow');
      slow.release();
      assert.deepEqual(await answer, m.normal.slow);
    });
  });
}
