/**
 * One contract for the postal-code registry port, run against the simulator and against the HTTP
 * gateway adapter talking to the simulated gateway server (same records).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPostalCodeRegistry, type PostalCodeRegistry } from '../../../src/registries/postal-codes/index.js';
import { inquirySubjects, magicCases, POSTAL_CODES, withPort } from './inquiry-contract.js';

for (const [name, make] of inquirySubjects<PostalCodeRegistry>(createPostalCodeRegistry)) {
  const each = (fn: (r: PostalCodeRegistry) => Promise<void>) => withPort(make, {}, fn);

  test(`postal-code registry contract (${name})`, async (t) => {
    await t.test("a person's postal code → found, every part of the address, names with our codes", () =>
      each(async (r) => {
        assert.deepEqual(await r.lookup(POSTAL_CODES.ali), {
          status: 'found',
          address: {
            postalCode: POSTAL_CODES.ali,
            province: 'تهران',
            provinceCode: 'tehran',
            city: 'تهران',
            cityCode: 'tehran',
            locality: 'ستارخان',
            street: 'خیابان ستارخان',
            street2: 'کوچه بهار',
            plaque: '12',
            floor: '3',
            unit: '6',
            buildingName: null,
          },
        });
      }),
    );

    await t.test("a company's address is known too, building name included", () =>
      each(async (r) => {
        const a = await r.lookup(POSTAL_CODES.aria);
        assert.equal(a.status, 'found');
        assert.ok(a.status === 'found');
        assert.equal(a.address.buildingName, 'آریا');
        assert.equal(a.address.street, 'خیابان ولیعصر');
      }),
    );

    await t.test('an address outside Tehran carries its own province and city', () =>
      each(async (r) => {
        const a = await r.lookup('8174673111');
        assert.ok(a.status === 'found');
        assert.deepEqual(
          [a.address.province, a.address.provinceCode, a.address.city, a.address.cityCode],
          ['اصفهان', 'isfahan', 'اصفهان', 'isfahan'],
        );
        assert.equal(a.address.floor, null);
      }),
    );

    await t.test('a valid postal code nobody lives at → not_found', () =>
      each(async (r) => {
        assert.deepEqual(await r.lookup(POSTAL_CODES.unknown), { status: 'not_found' });
      }),
    );

    await magicCases(t, make, {
      call: (r, code) => r.lookup(code),
      outage: POSTAL_CODES.outage,
      transient: POSTAL_CODES.transient,
      slow: POSTAL_CODES.slow,
      normal: { transient: { status: 'not_found' }, slow: { status: 'not_found' } },
    });
  });
}
