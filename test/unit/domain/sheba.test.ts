import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  composeSheba,
  formatSheba,
  isValidSheba,
  maskSheba,
  normalizeSheba,
  shebaBankCode,
  shebaCheckDigits,
  validateSheba,
} from '../../../src/domain/sheba.js';
import { BANKS, bankByCode } from '../../../src/domain/banks.js';
import { toPersianDigits } from '../../../src/domain/digits.js';

/** ISO 13616 read with BigInt: an oracle independent of the piecewise remainder. */
function oracle(sheba: string): boolean {
  const moved = sheba.slice(4) + sheba.slice(0, 4);
  const digits = moved.replace(/[A-Z]/g, (ch) => String(ch.charCodeAt(0) - 55));
  return /^IR\d{24}$/.test(sheba) && BigInt(digits) % 97n === 1n;
}

const anySheba = fc.stringMatching(/^\d{24}$/).map((d) => `IR${d}`);
const validSheba = fc.stringMatching(/^\d{22}$/).map((bban) => `IR${shebaCheckDigits(bban)}${bban}`);

describe('Sheba examples from domain.md', () => {
  test('IR820540102680020817909002 is valid and belongs to Parsian (054)', () => {
    const r = validateSheba('IR820540102680020817909002');
    assert.equal(r.ok, true);
    assert.ok(r.ok);
    assert.equal(r.value, 'IR820540102680020817909002');
    assert.equal(r.bank?.code, '054');
    assert.equal(r.bank?.name, 'بانک پارسیان');
  });

  test('IR062960000000100324200001 is valid; its bank code 296 is not an Iranian bank', () => {
    assert.deepEqual(validateSheba('IR062960000000100324200001'), {
      ok: true,
      value: 'IR062960000000100324200001',
      bank: null,
    });
    assert.deepEqual(validateSheba('IR062960000000100324200001', { requireKnownBank: true }), {
      ok: false,
      error: 'sheba.unknown_bank',
    });
  });

  test('one digit off, or two digits swapped, is a checksum error', () => {
    for (const bad of ['IR820540102680020817909003', 'IR820540102680020817909020', 'IR830540102680020817909002']) {
      assert.deepEqual(validateSheba(bad), { ok: false, error: 'sheba.checksum' }, bad);
    }
  });
});

describe('normalizeSheba / validateSheba', () => {
  test('spaces, dashes, lower case, Persian and Arabic-Indic digits, bare 24 digits', () => {
    const want = 'IR820540102680020817909002';
    for (const typed of [
      'ir82 0540 1026 8002 0817 9090 02',
      'IR82-0540-1026-8002-0817-9090-02',
      ` IR${toPersianDigits('820540102680020817909002')} `,
      'IR٨٢٠٥٤٠١٠٢٦٨٠٠٢٠٨١٧٩٠٩٠٠٢',
      '820540102680020817909002',
      '\u200EIR820540102680020817909002\u200F',
    ]) {
      assert.equal(normalizeSheba(typed), want, typed);
      assert.equal(validateSheba(typed).ok, true, typed);
    }
  });

  test('required and format', () => {
    assert.deepEqual(validateSheba(''), { ok: false, error: 'sheba.required' });
    assert.deepEqual(validateSheba(' IR '), { ok: false, error: 'sheba.required' });
    for (const bad of [
      'IR82054010268002081790900',
      'IR8205401026800208179090021',
      'DE89370400440532013000',
      'IRX20540102680020817909002',
      '0540102680020817909002',
    ]) {
      assert.deepEqual(validateSheba(bad), { ok: false, error: 'sheba.format' }, bad);
    }
  });

  test('the validator agrees with a BigInt reading of ISO 13616 on any 24 digits', () => {
    fc.assert(fc.property(anySheba, (s) => assert.equal(isValidSheba(s), oracle(s), s)));
  });

  test('composed Shebas validate, name their bank and survive formatting', () => {
    fc.assert(
      fc.property(fc.constantFrom(...BANKS.map((b) => b.code)), fc.stringMatching(/^\d{19}$/), (code, account) => {
        const sheba = composeSheba(code, account);
        assert.equal(oracle(sheba), true);
        const r = validateSheba(formatSheba(sheba).toLowerCase(), { requireKnownBank: true });
        assert.deepEqual(r, { ok: true, value: sheba, bank: bankByCode(code) });
        assert.equal(shebaBankCode(sheba), code);
      }),
    );
  });

  test('changing any one digit invalidates (mod 97 catches every single-digit error)', () => {
    fc.assert(
      fc.property(validSheba, fc.integer({ min: 2, max: 25 }), fc.integer({ min: 1, max: 9 }), (s, i, delta) => {
        const changed = s.slice(0, i) + String((Number(s[i]) + delta) % 10) + s.slice(i + 1);
        assert.equal(isValidSheba(changed), false, `${s} → ${changed}`);
      }),
    );
  });

  test('shebaCheckDigits takes only 22 ASCII digits', () => {
    assert.throws(() => shebaCheckDigits('123'), RangeError);
  });
});

describe('banks', () => {
  test('every bank of domain.md is named, with a Persian name and a unique code', () => {
    const expected =
      '010 011 012 013 014 015 016 017 018 019 020 021 022 053 054 055 056 057 058 059 061 062 064 066 069 070 078';
    for (const code of expected.split(' ')) assert.ok(bankByCode(code), code);
    assert.equal(new Set(BANKS.map((b) => b.code)).size, BANKS.length);
    for (const b of BANKS) {
      assert.match(b.code, /^\d{3}$/);
      assert.match(b.name, /^[\u0600-\u06FF\u200C ]+$/, b.code);
      if (b.mergedInto) assert.ok(bankByCode(b.mergedInto), `${b.code} merged into a known bank`);
    }
    assert.equal(bankByCode('017')?.name, 'بانک ملی ایران');
    assert.equal(bankByCode('999'), null);
  });
});

describe('formatSheba / maskSheba', () => {
  test('groups of four; masked keeps country, check digits, bank and the last four', () => {
    assert.equal(formatSheba('IR820540102680020817909002'), 'IR82 0540 1026 8002 0817 9090 02');
    assert.equal(maskSheba('IR820540102680020817909002'), 'IR82054***************9002');
    assert.equal(maskSheba('ir82 0540 1026 8002 0817 9090 02'), 'IR82054***************9002');
    assert.equal(maskSheba('IR82'), '****');
  });
});
