/**
 * One contract for the companies-registry port, run against the simulator and against the HTTP
 * gateway adapter talking to the simulated gateway server (same records).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCompaniesRegistry, type CompaniesRegistry } from '../../../src/registries/companies/index.js';
import { CODES } from './helpers.js';
import { COMPANY_IDS, inquirySubjects, magicCases, withPort } from './inquiry-contract.js';

for (const [name, make] of inquirySubjects<CompaniesRegistry>(createCompaniesRegistry)) {
  const each = (fn: (r: CompaniesRegistry) => Promise<void>) => withPort(make, {}, fn);

  test(`companies registry contract (${name})`, async (t) => {
    await t.test(
      'a registered company → its registration data and representatives, named as the civil registry has them',
      () =>
        each(async (r) => {
          assert.deepEqual(await r.lookupCompany(COMPANY_IDS.aria), {
            status: 'found',
            company: {
              nationalId: COMPANY_IDS.aria,
              name: 'شرکت داده‌پردازان آریا',
              type: 'private_joint_stock',
              registrationNumber: '281934',
              registrationDateIso: '2006-07-03',
              registrationPlace: 'تهران',
              representatives: [
                {
                  nationalCode: CODES.standard,
                  firstName: 'علی',
                  lastName: 'رضایی',
                  position: 'ceo',
                  signingAuthority: true,
                },
                {
                  nationalCode: CODES.twoMobiles,
                  firstName: 'سید محمد',
                  lastName: 'میرزایی',
                  position: 'chairman',
                  signingAuthority: true,
                },
                {
                  nationalCode: CODES.zwnj,
                  firstName: 'فاطمه‌زهرا',
                  lastName: 'محمدی‌نژاد',
                  position: 'board_member',
                  signingAuthority: false,
                },
              ],
            },
          });
        }),
    );

    await t.test('an unregistered national ID → not_found', () =>
      each(async (r) => {
        assert.deepEqual(await r.lookupCompany(COMPANY_IDS.unknown), { status: 'not_found' });
      }),
    );

    await t.test('a representative with and without signing authority', () =>
      each(async (r) => {
        assert.deepEqual(await r.checkRepresentative(COMPANY_IDS.aria, CODES.standard), {
          status: 'representative',
          position: 'ceo',
          signingAuthority: true,
        });
        assert.deepEqual(await r.checkRepresentative(COMPANY_IDS.aria, CODES.zwnj), {
          status: 'representative',
          position: 'board_member',
          signingAuthority: false,
        });
        // one person, two companies, two positions
        assert.deepEqual(await r.checkRepresentative(COMPANY_IDS.parsnik, CODES.zwnj), {
          status: 'representative',
          position: 'ceo',
          signingAuthority: true,
        });
      }),
    );

    await t.test('someone who is not registered for that company → not_representative', () =>
      each(async (r) => {
        assert.deepEqual(await r.checkRepresentative(COMPANY_IDS.parsnik, CODES.standard), {
          status: 'not_representative',
        });
        assert.deepEqual(await r.checkRepresentative(COMPANY_IDS.aria, CODES.unknown), {
          status: 'not_representative',
        });
      }),
    );

    await t.test('an unregistered company → unknown_company, whoever asks', () =>
      each(async (r) => {
        assert.deepEqual(await r.checkRepresentative(COMPANY_IDS.unknown, CODES.standard), {
          status: 'unknown_company',
        });
      }),
    );

    await magicCases(t, make, {
      label: 'lookupCompany',
      call: (r, id) => r.lookupCompany(id),
      outage: COMPANY_IDS.outage,
      transient: COMPANY_IDS.transient,
      slow: COMPANY_IDS.slow,
      normal: { transient: { status: 'not_found' }, slow: { status: 'not_found' } },
    });

    await magicCases(t, make, {
      label: 'checkRepresentative',
      call: (r, id) => r.checkRepresentative(id, CODES.standard),
      outage: COMPANY_IDS.outage,
      transient: COMPANY_IDS.transient,
      slow: COMPANY_IDS.slow,
      normal: { transient: { status: 'unknown_company' }, slow: { status: 'unknown_company' } },
    });
  });
}
