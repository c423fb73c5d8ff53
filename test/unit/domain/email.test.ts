import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { validateEmail } from '../../../src/domain/email.js';

describe('validateEmail', () => {
  test('ordinary addresses, trimmed, domain lower-cased, local part kept', () => {
    assert.deepEqual(validateEmail('ali@example.com'), { ok: true, value: 'ali@example.com' });
    assert.deepEqual(validateEmail('  Ali.Rezaei@Example.CO.IR '), {
      ok: true,
      value: 'Ali.Rezaei@example.co.ir',
    });
    assert.deepEqual(validateEmail('a+tag@mail.example.ir'), { ok: true, value: 'a+tag@mail.example.ir' });
    assert.deepEqual(validateEmail("o'neil_1-x@sub-domain.example.org"), {
      ok: true,
      value: "o'neil_1-x@sub-domain.example.org",
    });
    assert.deepEqual(validateEmail('x@xn--mgba3a4f16a.ir'), { ok: true, value: 'x@xn--mgba3a4f16a.ir' });
  });

  test('format errors', () => {
    for (const bad of [
      '',
      'ali',
      'ali@',
      '@example.com',
      'ali@example',
      'ali@@example.com',
      'ali@ex@ample.com',
      'ali @example.com',
      'ali@exa mple.com',
      'ali@.example.com',
      'ali@example..com',
      'ali@example.com.',
      'ali@-example.com',
      'ali@example-.com',
      'ali@example.c',
      'ali@example.123',
      '.ali@example.com',
      'ali.@example.com',
      'a..li@example.com',
      '"ali"@example.com',
      'ali@[127.0.0.1]',
      'علی@example.com',
      'ali@example.com\u200F',
    ]) {
      assert.deepEqual(validateEmail(bad), { ok: false, error: 'email.format' }, bad);
    }
  });

  test('too long: more than 254 characters, or a local part over 64', () => {
    const domain = (first: number): string => `${'a'.repeat(first)}.${'b'.repeat(60)}.${'c'.repeat(63)}.com`;
    const local64 = 'x'.repeat(64);
    const ok = `${local64}@${domain(60)}`;
    assert.equal(ok.length, 254);
    assert.equal(validateEmail(ok).ok, true);
    const tooLong = `${local64}@${domain(61)}`;
    assert.equal(tooLong.length, 255);
    assert.deepEqual(validateEmail(tooLong), { ok: false, error: 'email.too_long' });
    assert.deepEqual(validateEmail(`${'x'.repeat(65)}@example.com`), { ok: false, error: 'email.too_long' });
  });

  test('valid results are trimmed, have one @, a dotted domain and no spaces', () => {
    fc.assert(
      fc.property(fc.emailAddress(), (e) => {
        const r = validateEmail(`  ${e}  `);
        if (r.ok) {
          assert.equal(r.value.split('@').length, 2);
          assert.doesNotMatch(r.value, /\s/);
          const domain = r.value.split('@')[1] ?? '';
          assert.equal(domain, domain.toLowerCase());
          assert.match(domain, /\./);
          assert.ok(r.value.length <= 254);
          assert.deepEqual(validateEmail(r.value), r);
        }
      }),
    );
  });

  test('accepts typical generated addresses', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-z0-9]([a-z0-9._+-]{0,20}[a-z0-9])?$/).filter((l) => !l.includes('..')),
        fc.stringMatching(/^[a-z0-9]{1,20}$/),
        fc.constantFrom('ir', 'com', 'org', 'co.ir', 'ac.ir'),
        (local, host, tld) => {
          const e = `${local}@${host}.${tld}`;
          assert.deepEqual(validateEmail(e), { ok: true, value: e });
        },
      ),
    );
  });
});
