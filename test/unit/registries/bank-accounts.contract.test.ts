/**
 * One contract for the bank-account ownership port, run against the simulator and against the
 * HTTP gateway adapter talking to the simulated gateway server (same records).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createBankAccountOwnership, type BankAccountOwnership } from '../../../src/registries/bank-accounts/index.js';
import { composeSheba } from '../../../src/domain/sheba.js';
import { CODES } from './helpers.js';
import { COMPANY_IDS, inquirySubjects, magicCases, SHEBAS, withPort } from './inquiry-contract.js';

for (const [name, make] of inquirySubjects<BankAccountOwnership>(createBankAccountOwnership)) {
  const each = (fn: (b: BankAccountOwnership) => Promise<void>) => withPort(make, {}, fn);

  test(`bank-account ownership contract (${name})`, async (t) => {
    await t.test("the person's own open account → owned, with the bank's Persian name and the holder", () =>
      each(async (b) => {
        assert.deepEqual(await b.checkOwnership(SHEBAS.aliMelli, CODES.standard), {
          status: 'owned',
          bankCode: '017',
          bankName: 'بانک ملی ایران',
          holderName: 'علی رضایی',
        });
        assert.deepEqual(await b.checkOwnership(SHEBAS.fatemehParsian, CODES.zwnj), {
          status: 'owned',
          bankCode: '054',
          bankName: 'بانک پارسیان',
          holderName: 'فاطمه‌زهرا محمدی‌نژاد',
        });
      }),
    );

    await t.test('every account of a person with two is owned', () =>
      each(async (b) => {
        for (const sheba of [SHEBAS.seyedMellat, SHEBAS.seyedSaderat]) {
          assert.equal((await b.checkOwnership(sheba, CODES.twoMobiles)).status, 'owned', sheba);
        }
      }),
    );

    await t.test("someone else's account, or an account nobody has → not_owned, and no name", () =>
      each(async (b) => {
        assert.deepEqual(await b.checkOwnership(SHEBAS.fatemehParsian, CODES.standard), { status: 'not_owned' });
        assert.deepEqual(await b.checkOwnership(SHEBAS.aliMelli, CODES.unknown), { status: 'not_owned' });
        const nobodys = composeSheba('017', '0000000000000000001');
        assert.deepEqual(await b.checkOwnership(nobodys, CODES.standard), { status: 'not_owned' });
      }),
    );

    await t.test("the owner's closed account → closed; someone else asking about it → not_owned", () =>
      each(async (b) => {
        assert.deepEqual(await b.checkOwnership(SHEBAS.aliMellatClosed, CODES.standard), { status: 'closed' });
        assert.deepEqual(await b.checkOwnership(SHEBAS.aliMellatClosed, CODES.zwnj), { status: 'not_owned' });
      }),
    );

    await t.test("a company's account belongs to its national ID, not to its representatives", () =>
      each(async (b) => {
        assert.deepEqual(await b.checkOwnership(SHEBAS.ariaMellat, COMPANY_IDS.aria), {
          status: 'owned',
          bankCode: '012',
          bankName: 'بانک ملت',
          holderName: 'شرکت داده‌پردازان آریا',
        });
        assert.deepEqual(await b.checkOwnership(SHEBAS.ariaMellat, CODES.standard), { status: 'not_owned' });
        assert.deepEqual(await b.checkOwnership(SHEBAS.parsnikSepahClosed, COMPANY_IDS.parsnik), { status: 'closed' });
      }),
    );

    await magicCases(t, make, {
      call: (b, sheba) => b.checkOwnership(sheba, CODES.standard),
      outage: SHEBAS.outage,
      transient: SHEBAS.transient,
      slow: SHEBAS.slow,
      normal: { transient: { status: 'not_owned' }, slow: { status: 'not_owned' } },
    });

    await t.test('the magic is read after the bank code: any bank', () =>
      each(async (b) => {
        const atSaman = composeSheba('056', '9990000000000000123');
        assert.deepEqual(await b.checkOwnership(atSaman, CODES.standard), { status: 'unavailable', reason: 'outage' });
      }),
    );
  });
}
