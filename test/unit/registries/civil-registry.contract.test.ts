/**
 * One contract for the civil-registry port, run against the simulator and against the HTTP
 * gateway adapter talking to the simulated gateway server (which answers from the same population).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCivilRegistry, type CivilRegistry } from '../../../src/registries/civil-registry/index.js';
import { startSimulatedGateway } from '../../../src/registries/simulation/gateway-server.js';
import { AMPLE_MS, CODES, claimFor, demo, manualSleep, person, settledYet, within } from './helpers.js';

interface SubjectOptions {
  slowMs?: number;
  transientFailures?: number;
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
}
interface Subject {
  registry: CivilRegistry;
  close(): Promise<void>;
}
type Factory = (o: SubjectOptions) => Promise<Subject>;

const TOKEN = 'test-token';
const subjects: [string, Factory][] = [
  [
    'simulator',
    (o) =>
      Promise.resolve({
        registry: createCivilRegistry({
          kind: 'simulator',
          population: demo,
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
        token: TOKEN,
        slowMs: o.slowMs ?? 50,
        transientFailures: o.transientFailures ?? 2,
        sleep: o.sleep,
      });
      return {
        registry: createCivilRegistry({
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
  const withSubject = async (o: SubjectOptions, fn: (r: CivilRegistry) => Promise<void>) => {
    const s = await make(o);
    try {
      await fn(s.registry);
    } finally {
      await s.close();
    }
  };

  test(`civil registry contract (${name})`, async (t) => {
    await t.test('exact data matches, automatic activation', () =>
      withSubject({}, async (r) => {
        assert.deepEqual(await r.verifyIdentity(claimFor(CODES.standard)), {
          status: 'match',
          activation: 'automatic',
        });
      }),
    );

    await t.test('branch_visit person matches with activation branch_visit', () =>
      withSubject({}, async (r) => {
        assert.deepEqual(await r.verifyIdentity(claimFor(CODES.branchVisit)), {
          status: 'match',
          activation: 'branch_visit',
        });
      }),
    );

    await t.test('names: ZWNJ, space or nothing between parts all match', () =>
      withSubject({}, async (r) => {
        for (const [firstName, lastName] of [
          ['فاطمه زهرا', 'محمدی نژاد'],
          ['فاطمه‌زهرا', 'محمدی‌نژاد'],
          ['فاطمهزهرا', 'محمدینژاد'],
          ['  فاطمه  زهرا ', 'محمدی \u200c نژاد'],
        ] as const) {
          assert.deepEqual(
            await r.verifyIdentity(claimFor(CODES.zwnj, { firstName, lastName })),
            { status: 'match', activation: 'automatic' },
            `${firstName} / ${lastName}`,
          );
        }
      }),
    );

    await t.test('names: Persian ی/ک typed against Arabic ي/ك records (and the reverse) match', () =>
      withSubject({}, async (r) => {
        assert.deepEqual(
          await r.verifyIdentity(
            claimFor(CODES.arabicLetters, { firstName: 'ملیکا', lastName: 'کریمی', fatherName: 'یوسف' }),
          ),
          { status: 'match', activation: 'automatic' },
        );
        assert.deepEqual(await r.verifyIdentity(claimFor(CODES.standard, { firstName: 'علي', lastName: 'رضايي' })), {
          status: 'match',
          activation: 'automatic',
        });
      }),
    );

    await t.test('national code with dropped leading zeros or Persian digits matches', () =>
      withSubject({}, async (r) => {
        for (const nationalCode of ['84575948', '۰۰۸۴۵۷۵۹۴۸']) {
          assert.deepEqual(await r.verifyIdentity(claimFor(CODES.standard, { nationalCode })), {
            status: 'match',
            activation: 'automatic',
          });
        }
      }),
    );

    await t.test('shenasnameh number equal to the national code matches', () =>
      withSubject({}, async (r) => {
        const c = claimFor(CODES.shenasnamehIsCode);
        assert.equal(c.shenasnamehNumber, c.nationalCode);
        assert.deepEqual(await r.verifyIdentity(c), { status: 'match', activation: 'automatic' });
      }),
    );

    await t.test('foreign national (FIDA) matches; shenasnameh is not checked for them', () =>
      withSubject({}, async (r) => {
        assert.deepEqual(await r.verifyIdentity(claimFor(CODES.foreign1)), {
          status: 'match',
          activation: 'automatic',
        });
        assert.deepEqual(await r.verifyIdentity(claimFor(CODES.foreign2, { shenasnamehNumber: '' })), {
          status: 'match',
          activation: 'automatic',
        });
      }),
    );

    await t.test('unknown code → not_found; FIDA code claimed as iranian → not_found', () =>
      withSubject({}, async (r) => {
        assert.deepEqual(await r.verifyIdentity(claimFor(CODES.standard, { nationalCode: CODES.unknown })), {
          status: 'mismatch',
          fields: ['not_found'],
        });
        assert.deepEqual(await r.verifyIdentity(claimFor(CODES.foreign1, { personKind: 'iranian' })), {
          status: 'mismatch',
          fields: ['not_found'],
        });
        assert.deepEqual(await r.verifyIdentity(claimFor(CODES.standard, { personKind: 'foreign' })), {
          status: 'mismatch',
          fields: ['not_found'],
        });
      }),
    );

    await t.test('deceased person → deceased only, whatever else was typed', () =>
      withSubject({}, async (r) => {
        assert.deepEqual(await r.verifyIdentity(claimFor(CODES.deceased)), {
          status: 'mismatch',
          fields: ['deceased'],
        });
        assert.deepEqual(await r.verifyIdentity(claimFor(CODES.deceased, { firstName: 'کسی دیگر' })), {
          status: 'mismatch',
          fields: ['deceased'],
        });
      }),
    );

    await t.test('each wrong field is reported on its own', () =>
      withSubject({}, async (r) => {
        const cases = [
          ['firstName', { firstName: 'محمد' }],
          ['lastName', { lastName: 'رضائیان' }],
          ['fatherName', { fatherName: 'حسن' }],
          ['birthDate', { birthDateIso: '1991-04-05' }],
          ['gender', { gender: 'female' }],
          ['shenasnamehNumber', { shenasnamehNumber: '1524' }],
        ] as const;
        for (const [field, override] of cases) {
          assert.deepEqual(await r.verifyIdentity(claimFor(CODES.standard, override)), {
            status: 'mismatch',
            fields: [field],
          });
        }
      }),
    );

    await t.test('all wrong fields are reported together, in a stable order', () =>
      withSubject({}, async (r) => {
        const result = await r.verifyIdentity(
          claimFor(CODES.standard, {
            shenasnamehNumber: '1',
            gender: 'female',
            birthDateIso: '1990-01-01',
            fatherName: 'x',
            lastName: 'y',
            firstName: 'z',
          }),
        );
        assert.deepEqual(result, {
          status: 'mismatch',
          fields: ['firstName', 'lastName', 'fatherName', 'birthDate', 'gender', 'shenasnamehNumber'],
        });
      }),
    );

    await t.test('magic 99900… → unavailable/outage every time', () =>
      withSubject({}, async (r) => {
        for (let i = 0; i < 4; i++) {
          assert.deepEqual(await r.verifyIdentity(claimFor(CODES.outage)), { status: 'unavailable', reason: 'outage' });
        }
      }),
    );

    await t.test('magic 99901… → outage for the first transientFailures calls, then answers', () =>
      withSubject({ transientFailures: 2 }, async (r) => {
        const c = claimFor(CODES.transient);
        assert.deepEqual(await r.verifyIdentity(c), { status: 'unavailable', reason: 'outage' });
        assert.deepEqual(await r.verifyIdentity(c), { status: 'unavailable', reason: 'outage' });
        assert.deepEqual(await r.verifyIdentity(c), { status: 'match', activation: 'automatic' });
        assert.deepEqual(await r.verifyIdentity({ ...c, firstName: 'غلط' }), {
          status: 'mismatch',
          fields: ['firstName'],
        });
      }),
    );

    await t.test('transientFailures: 0 answers at once; 3 fails three times', async () => {
      await withSubject({ transientFailures: 0 }, async (r) => {
        assert.equal((await r.verifyIdentity(claimFor(CODES.transient))).status, 'match');
      });
      await withSubject({ transientFailures: 3 }, async (r) => {
        const statuses = [];
        for (let i = 0; i < 4; i++) statuses.push((await r.verifyIdentity(claimFor(CODES.transient))).status);
        assert.deepEqual(statuses, ['unavailable', 'unavailable', 'unavailable', 'match']);
      });
    });

    await t.test('magic 99902… slower than the timeout → unavailable/timeout', async () => {
      // the simulated answer waits until the test ends the sleep, so only the deadline can answer
      const slow = manualSleep();
      await withSubject({ slowMs: 8000, timeoutMs: 20, sleep: slow.sleep }, async (r) => {
        try {
          assert.deepEqual(await within(r.verifyIdentity(claimFor(CODES.slow)), 'the slow call'), {
            status: 'unavailable',
            reason: 'timeout',
          });
        } finally {
          slow.release();
        }
      });
    });

    await t.test('magic 99902… within the timeout → normal answer after slowMs', async () => {
      const slow = manualSleep();
      await withSubject({ slowMs: 8000, sleep: slow.sleep }, async (r) => {
        const answer = r.verifyIdentity(claimFor(CODES.slow));
        await within(slow.reached, 'the slow answer');
        assert.deepEqual(slow.requested, [8000], 'the answer is held back for slowMs');
        // meanwhile another call gets its answer at once, and the slow one still has none
        assert.equal((await r.verifyIdentity(claimFor(CODES.standard))).status, 'match');
        assert.equal(await settledYet(answer), false, 'no answer while the registry is slow');
        slow.release();
        assert.deepEqual(await answer, { status: 'match', activation: 'automatic' });
      });
    });
  });

  test(`civil registry contract, reading a record (${name})`, async (t) => {
    const ask = (nationalCode: string, personKind: 'iranian' | 'foreign' = 'iranian') => ({ nationalCode, personKind });

    await t.test('a living person: the certificate as recorded, with place and serial', () =>
      withSubject({}, async (r) => {
        assert.deepEqual(await r.readRecord(ask(CODES.standard)), {
          status: 'found',
          record: {
            firstName: 'علی',
            lastName: 'رضایی',
            fatherName: 'حسین',
            birthDateIso: '1991-04-04',
            gender: 'male',
            shenasnamehNumber: '1523',
            birthPlace: 'تهران',
            shenasnamehSerial: '12ب345678',
          },
        });
      }),
    );

    await t.test('what the registry does not hold is null, and names keep their recorded letters', () =>
      withSubject({}, async (r) => {
        const a = await r.readRecord(ask(CODES.arabicLetters));
        assert.equal(a.status, 'found');
        assert.ok(a.status === 'found');
        assert.equal(a.record.shenasnamehSerial, null);
        assert.equal(a.record.firstName, person(CODES.arabicLetters).firstName);
        const b = await r.readRecord(ask(CODES.foreign1, 'foreign'));
        assert.ok(b.status === 'found');
        assert.equal(b.record.birthPlace, null);
      }),
    );

    await t.test('the code may have dropped zeros or Persian digits', () =>
      withSubject({}, async (r) => {
        for (const code of ['84575948', '۰۰۸۴۵۷۵۹۴۸']) {
          assert.equal((await r.readRecord(ask(code))).status, 'found', code);
        }
      }),
    );

    await t.test('unknown code, or the wrong kind of person → not_found; deceased → deceased', () =>
      withSubject({}, async (r) => {
        assert.deepEqual(await r.readRecord(ask(CODES.unknown)), { status: 'not_found' });
        assert.deepEqual(await r.readRecord(ask(CODES.foreign1)), { status: 'not_found' });
        assert.deepEqual(await r.readRecord(ask(CODES.standard, 'foreign')), { status: 'not_found' });
        assert.deepEqual(await r.readRecord(ask(CODES.deceased)), { status: 'deceased' });
      }),
    );

    await t.test('magic codes: outage always, transient until it recovers', () =>
      withSubject({ transientFailures: 2 }, async (r) => {
        assert.deepEqual(await r.readRecord(ask(CODES.outage)), { status: 'unavailable', reason: 'outage' });
        const statuses = [];
        for (let i = 0; i < 3; i++) statuses.push((await r.readRecord(ask(CODES.transient))).status);
        assert.deepEqual(statuses, ['unavailable', 'unavailable', 'found']);
      }),
    );

    await t.test('magic 99902… slower than the timeout → unavailable/timeout', async () => {
      const slow = manualSleep();
      await withSubject({ slowMs: 8000, timeoutMs: 20, sleep: slow.sleep }, async (r) => {
        try {
          assert.deepEqual(await within(r.readRecord(ask(CODES.slow)), 'the slow read'), {
            status: 'unavailable',
            reason: 'timeout',
          });
        } finally {
          slow.release();
        }
      });
    });
  });
}
