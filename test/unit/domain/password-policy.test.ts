import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  PASSWORD_RULES,
  checkPassword,
  passwordStrength,
  type PasswordRule,
} from '../../../src/domain/password-policy.js';

const ALPHABET = /^[A-Za-z0-9&%$#!]$/;

/** Passwords from the allowed alphabet that satisfy every shape rule. */
const goodPassword = fc
  .stringMatching(/^[A-Za-z][A-Za-z0-9&%$#!]{7,127}$/)
  .filter((p) => /[A-Z]/.test(p) && /[a-z]/.test(p) && /[0-9]/.test(p));

/** A single character outside the allowed alphabet. */
const outsideChar = fc.oneof(
  fc.constantFrom(' ', '\t', '@', '*', '_', '-', '.', '^', '~', '"', "'", '۱', '٣', 'é', 'ß', 'ی', 'آ', '\u200C', '😀'),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }).filter((c) => !ALPHABET.test(c)),
);

const persianPerson = { firstName: 'علی', lastName: 'رضایی', nationalCode: '0012345679' };

function isInRuleOrder(rules: PasswordRule[]): boolean {
  const idx = rules.map((r) => PASSWORD_RULES.indexOf(r));
  return idx.every((v, i) => v >= 0 && (i === 0 || v > (idx[i - 1] ?? -1)));
}

describe('PASSWORD_RULES', () => {
  test('lists every rule once, in display order', () => {
    assert.deepEqual(
      [...PASSWORD_RULES],
      [
        'password.too_short',
        'password.too_long',
        'password.invalid_chars',
        'password.must_start_with_letter',
        'password.needs_upper',
        'password.needs_lower',
        'password.needs_digit',
        'password.contains_personal',
      ],
    );
    assert.ok(Object.isFrozen(PASSWORD_RULES));
  });
});

describe('checkPassword examples', () => {
  test('acceptable passwords', () => {
    assert.deepEqual(checkPassword('Abcdefg1', {}), []);
    assert.deepEqual(checkPassword('aB3&%$#!', {}), []);
    assert.deepEqual(checkPassword('Secret2024!', persianPerson), []);
    assert.deepEqual(checkPassword('Z' + 'a'.repeat(126) + '1', {}), []); // 128
  });

  test('empty password violates everything that can be violated', () => {
    assert.deepEqual(checkPassword('', {}), [
      'password.too_short',
      'password.must_start_with_letter',
      'password.needs_upper',
      'password.needs_lower',
      'password.needs_digit',
    ]);
  });

  test('length bounds 8..128', () => {
    assert.deepEqual(checkPassword('Abcdef1', {}), ['password.too_short']);
    assert.deepEqual(checkPassword('Abcdefg1', {}), []);
    assert.deepEqual(checkPassword('Z' + 'a'.repeat(127) + '1', {}), ['password.too_long']); // 129
  });

  test('must start with a letter', () => {
    assert.deepEqual(checkPassword('1Abcdefg', {}), ['password.must_start_with_letter']);
    assert.deepEqual(checkPassword('!Abcdefg1', {}), ['password.must_start_with_letter']);
  });

  test('needs upper, lower, digit', () => {
    assert.deepEqual(checkPassword('abcdefg1', {}), ['password.needs_upper']);
    assert.deepEqual(checkPassword('ABCDEFG1', {}), ['password.needs_lower']);
    assert.deepEqual(checkPassword('Abcdefgh', {}), ['password.needs_digit']);
  });

  test('Persian digits are invalid characters and do not count as digits', () => {
    assert.deepEqual(checkPassword('Abcdefg۱', {}), ['password.invalid_chars', 'password.needs_digit']);
    assert.deepEqual(checkPassword('Abcdefg١', {}), ['password.invalid_chars', 'password.needs_digit']);
  });

  test('is not trimmed or normalised', () => {
    assert.deepEqual(checkPassword(' Abcdefg1', {}), ['password.invalid_chars', 'password.must_start_with_letter']);
    assert.deepEqual(checkPassword('Abcdefg1 ', {}), ['password.invalid_chars']);
  });

  test('symbols outside & % $ # ! are invalid', () => {
    for (const c of ['@', '*', '_', '-', '.', '?', '^']) {
      assert.deepEqual(checkPassword(`Abcdefg1${c}`, {}), ['password.invalid_chars'], c);
    }
  });

  test('a Persian first letter is invalid and not a letter start', () => {
    assert.deepEqual(checkPassword('سAbcdefg1', {}), ['password.invalid_chars', 'password.must_start_with_letter']);
  });

  test('contains first name, last name or national code, case-insensitively', () => {
    const person = { firstName: 'Ali', lastName: 'Ahmadi', nationalCode: '0012345679' };
    assert.deepEqual(checkPassword('MyALIpass1', person), ['password.contains_personal']);
    assert.deepEqual(checkPassword('Xahmadi2024', person), ['password.contains_personal']);
    assert.deepEqual(checkPassword('Pw0012345679', person), ['password.contains_personal']);
    assert.deepEqual(checkPassword('Secret2024!', person), []);
  });

  test('national code given with Persian digits is still found', () => {
    assert.deepEqual(checkPassword('Pw0012345679', { nationalCode: '۰۰۱۲۳۴۵۶۷۹' }), ['password.contains_personal']);
  });

  test('each part of a compound name is checked; parts shorter than 2 are ignored', () => {
    assert.deepEqual(checkPassword('Rezaabc123', { firstName: 'Mohammad Reza' }), ['password.contains_personal']);
    assert.deepEqual(checkPassword('Xyzabc123J', { firstName: 'J' }), []);
    assert.deepEqual(checkPassword('Xyzabc123', { firstName: 'J. R.', lastName: 'O' }), []);
    assert.deepEqual(checkPassword('Xyzabc123', { firstName: 'Jo' }), []);
    assert.deepEqual(checkPassword('Xyzjoc123', { firstName: 'Jo' }), ['password.contains_personal']);
  });

  test('Persian names cannot appear in a Latin password', () => {
    assert.deepEqual(checkPassword('Ali123456', persianPerson), []);
  });

  test('personal data is optional', () => {
    assert.deepEqual(checkPassword('Abcdefg1', { firstName: '', lastName: undefined }), []);
  });
});

describe('checkPassword properties', () => {
  test('passwords from the allowed alphabet satisfying the rules pass', () => {
    fc.assert(
      fc.property(goodPassword, (p) => {
        assert.deepEqual(checkPassword(p, persianPerson), []);
        assert.deepEqual(checkPassword(p, {}), []);
      }),
    );
  });

  test('any password with a character outside the alphabet fails with invalid_chars', () => {
    fc.assert(
      fc.property(goodPassword, outsideChar, fc.nat(), (p, c, at) => {
        const i = at % (p.length + 1);
        const bad = p.slice(0, i) + c + p.slice(i);
        assert.ok(checkPassword(bad, {}).includes('password.invalid_chars'), JSON.stringify(bad));
      }),
    );
  });

  test('any string at all: invalid_chars exactly when a character is outside the alphabet', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (p) => {
        const hasOutside = [...p].some((c) => !ALPHABET.test(c));
        assert.equal(checkPassword(p, {}).includes('password.invalid_chars'), hasOutside);
      }),
    );
  });

  test('a Latin name inserted into a good password is caught', () => {
    fc.assert(
      fc.property(goodPassword, fc.stringMatching(/^[A-Za-z]{2,12}$/), fc.nat(), fc.boolean(), (p, name, at, upper) => {
        const i = 1 + (at % p.length); // keep the leading letter
        const inserted = upper ? name.toUpperCase() : name.toLowerCase();
        const pw = p.slice(0, i) + inserted + p.slice(i);
        assert.ok(checkPassword(pw, { lastName: name }).includes('password.contains_personal'));
      }),
    );
  });

  test('violations come in PASSWORD_RULES order without repeats', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 140 }), fc.string({ maxLength: 6 }), (p, name) => {
        assert.ok(isInRuleOrder(checkPassword(p, { firstName: name })));
      }),
    );
  });
});

describe('passwordStrength', () => {
  test('empty is 0', () => {
    assert.equal(passwordStrength(''), 0);
  });

  test('an integer in 0..100, deterministic', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (p) => {
        const s = passwordStrength(p);
        assert.ok(Number.isInteger(s) && s >= 0 && s <= 100, String(s));
        assert.equal(passwordStrength(p), s);
      }),
    );
  });

  test('ranks obvious cases', () => {
    const weak = passwordStrength('aaaaaaaa');
    const medium = passwordStrength('Abcdefg1');
    const strong = passwordStrength('Kq7#mZ2!pW9$xR4&');
    assert.ok(weak < medium, `${weak} < ${medium}`);
    assert.ok(medium < strong, `${medium} < ${strong}`);
    assert.ok(strong >= 90, String(strong));
    assert.ok(weak <= 30, String(weak));
  });

  test('repetition and sequences cost points', () => {
    assert.ok(passwordStrength('Aaaaaaa1') < passwordStrength('Axqmtrz1'));
    assert.ok(passwordStrength('Abcdefg1') < passwordStrength('Agdxbfe1'));
  });

  test('every acceptable password scores at least 30 (the worst are like Aaaaaaaaaaa1)', () => {
    assert.ok(passwordStrength('Aaaaaaaaaaa1') >= 30);
    assert.ok(passwordStrength('A' + 'a'.repeat(126) + '1') >= 30);
    fc.assert(
      fc.property(goodPassword, (p) => {
        assert.ok(passwordStrength(p) >= 30, `${p}: ${passwordStrength(p)}`);
      }),
    );
  });
});
