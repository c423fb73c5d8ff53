import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nameKey, sameName } from '../../../src/registries/civil-registry/matching.js';
import { unrefSleep, withTimeout } from '../../../src/registries/timeout.js';

test('withTimeout: a fast promise wins and its value is returned', async () => {
  assert.equal(await withTimeout(Promise.resolve(7), 1000, () => -1), 7);
});

test('withTimeout: a slow promise loses to onTimeout', async () => {
  const slow = new Promise<number>((resolve) => setTimeout(() => resolve(7), 200));
  const started = Date.now();
  assert.equal(await withTimeout(slow, 20, () => -1), -1);
  assert.ok(Date.now() - started < 150);
});

test('withTimeout: a rejection before the deadline passes through', async () => {
  await assert.rejects(
    withTimeout(Promise.reject(new Error('boom')), 1000, () => 0),
    /boom/,
  );
});

test('withTimeout: clears its timer (a fast answer does not keep the process busy)', async () => {
  const before = (process as unknown as { getActiveResourcesInfo(): string[] })
    .getActiveResourcesInfo()
    .filter((r) => r === 'Timeout').length;
  await withTimeout(Promise.resolve(1), 60_000, () => 0);
  const after = (process as unknown as { getActiveResourcesInfo(): string[] })
    .getActiveResourcesInfo()
    .filter((r) => r === 'Timeout').length;
  assert.equal(after, before);
});

test('unrefSleep resolves after the delay', async () => {
  const keep = setTimeout(() => {}, 1000);
  const started = Date.now();
  await unrefSleep(20);
  clearTimeout(keep);
  assert.ok(Date.now() - started >= 15);
});

test('name comparison tolerates ZWNJ/space, Arabic letters, tatweel, diacritics and case', () => {
  assert.ok(sameName('محمد‌رضا', 'محمد رضا'));
  assert.ok(sameName('محمدرضا', 'محمد رضا'));
  assert.ok(sameName('علي', 'علی'));
  assert.ok(sameName('كاظمي', 'کاظمی'));
  assert.ok(sameName('محـــمد', 'محمد'));
  assert.ok(sameName('مُحَمَّد', 'محمد'));
  assert.ok(sameName(' John  Smith ', 'john smith'));
  assert.ok(!sameName('محمد', 'احمد'));
  assert.ok(!sameName('علی', 'علیرضا'));
  assert.equal(nameKey('فاطمه‌ زهرا'), nameKey('فاطمه زهرا'));
});
