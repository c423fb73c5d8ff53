import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isValidLegalId, validateLegalId } from '../../../src/domain/legal-national-id.js';

test('known legal national IDs: the published valid ones pass, their neighbours do not', () => {
  for (const id of ['10320894878', '10100302746']) assert.equal(isValidLegalId(id), true, id);
  for (const id of ['10320894877', '10100302745', '1032089487', '103208948780', '1032089487a']) {
    assert.equal(isValidLegalId(id), false, id);
  }
});

test('a legal national ID is read in Persian digits and with separators', () => {
  assert.deepEqual(validateLegalId('۱۰۳۲۰۸۹۴۸۷۸'), { ok: true, value: '10320894878' });
  assert.deepEqual(validateLegalId('103-2089-4878'), { ok: true, value: '10320894878' });
  assert.deepEqual(validateLegalId(''), { ok: false, error: 'legal_id.required' });
  assert.deepEqual(validateLegalId('12345'), { ok: false, error: 'legal_id.format' });
  assert.deepEqual(validateLegalId('10320894877'), { ok: false, error: 'legal_id.checksum' });
});

test('for any first ten digits exactly one check digit makes a valid ID', () => {
  fc.assert(
    fc.property(fc.stringMatching(/^\d{10}$/), (first10) => {
      const valid = [...'0123456789'].filter((d) => isValidLegalId(first10 + d));
      return valid.length === 1;
    }),
  );
});
