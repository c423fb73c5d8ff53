import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { luhnCheckDigit, newTrackingCode, parseTrackingCode } from '../../src/sejam/tracking-code.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lifecycleDiagram, lifecycleDocument, profileStates, profileTransitions } from '../../src/sejam/lifecycle.js';

test('every drawn tracking code is 10 digits, never starts with 0, and parses back', () => {
  for (let i = 0; i < 500; i++) {
    const code = newTrackingCode();
    assert.match(code, /^[1-9]\d{9}$/);
    assert.equal(parseTrackingCode(code), code);
  }
});

test('a tracking code with any one digit mistyped is refused', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 100_000_000, max: 999_999_999 }),
      fc.integer({ min: 0, max: 9 }),
      fc.integer({ min: 1, max: 9 }),
      (body, pos, delta) => {
        const code = String(body) + String(luhnCheckDigit(String(body)));
        const digits = code.split('');
        digits[pos] = String((Number(digits[pos]) + delta) % 10);
        const typo = digits.join('');
        return parseTrackingCode(typo) === null || typo === code;
      },
    ),
  );
});

test('a tracking code is read in Persian digits and with spaces', () => {
  const code = newTrackingCode();
  const persian = code.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);
  assert.equal(parseTrackingCode(`${persian.slice(0, 5)} ${persian.slice(5)}`), code);
  assert.equal(parseTrackingCode('123'), null);
});

test('the lifecycle: every state is reachable from the first, every transition is drawn', () => {
  const reached = new Set<string>([profileStates[0]]);
  for (let changed = true; changed;) {
    changed = false;
    for (const t of profileTransitions) {
      if (t.from.some((f) => reached.has(f)) && !reached.has(t.to)) {
        reached.add(t.to);
        changed = true;
      }
    }
  }
  assert.deepEqual([...reached].sort(), [...profileStates].sort());
  const diagram = lifecycleDiagram();
  for (const t of profileTransitions)
    for (const f of t.from) assert.ok(diagram.includes(`${f} --> ${t.to}: ${t.event}`));
});

test('the lifecycle diagram is checked in, unchanged (run `npm run diagrams`)', () => {
  const file = join(import.meta.dirname, '..', '..', 'docs', 'journeys', 'sejam-profile-lifecycle.md');
  assert.equal(readFileSync(file, 'utf8'), lifecycleDocument());
});
