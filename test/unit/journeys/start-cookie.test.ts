import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openStartFailure, sealStartFailure } from '../../../src/journeys/engine/start-cookie.js';

const SECRET = 'x'.repeat(40);
const now = new Date('2025-03-01T10:00:00Z');
const failure = {
  step: 'identify',
  list: [{ field: 'captcha', code: 'captcha.wrong' as const }],
  values: { nationalCode: '0084575948' },
};

test('a first step failure is sealed: it opens only for its journey, under its secret, for ten minutes', () => {
  const value = sealStartFailure(SECRET, 'recovery', now, failure);
  assert.ok(!value.includes('0084575948'), 'what was typed is not readable in the cookie');
  assert.ok(!Buffer.from(value, 'base64url').toString('latin1').includes('0084575948'));
  assert.deepEqual(openStartFailure(SECRET, 'recovery', now, value), failure);
  assert.equal(openStartFailure(SECRET, 'registration', now, value), null, 'another journey');
  assert.equal(openStartFailure('y'.repeat(40), 'recovery', now, value), null, 'another secret');
  const later = new Date(now.getTime() + 10 * 60_000 + 1);
  assert.equal(openStartFailure(SECRET, 'recovery', later, value), null, 'stale');
  const tampered = value.slice(0, -2) + (value.endsWith('AA') ? 'AB' : 'AA');
  assert.equal(openStartFailure(SECRET, 'recovery', now, tampered), null, 'tampered');
  assert.equal(openStartFailure(SECRET, 'recovery', now, 'not a cookie'), null);
  assert.equal(openStartFailure(SECRET, 'recovery', now, undefined), null);
});

test('a failure too large for a cookie keeps its errors and drops what was typed', () => {
  const big = {
    ...failure,
    values: { a: 'x'.repeat(500), b: 'y'.repeat(500), c: 'z'.repeat(500), d: 'w'.repeat(2500) },
  };
  const value = sealStartFailure(SECRET, 'recovery', now, big);
  assert.ok(value.length <= 3500);
  assert.deepEqual(openStartFailure(SECRET, 'recovery', now, value), { ...failure, values: {} });
});
