import { mock, test } from 'node:test';
import assert from 'node:assert/strict';
import { nameKey, sameName } from '../../../src/registries/civil-registry/matching.js';
import { unrefSleep, withTimeout } from '../../../src/registries/timeout.js';
import { settledYet } from './helpers.js';

test('withTimeout: a fast promise wins and its value is returned', async () => {
  assert.equal(await withTimeout(Promise.resolve(7), 1000, () => -1), 7);
});

test('withTimeout: a slow promise loses to onTimeout, exactly at the deadline', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const slow = new Promise<number>((resolve) => setTimeout(() => resolve(7), 200));
  const p = withTimeout(slow, 20, () => -1);
  t.mock.timers.tick(19);
  assert.equal(await settledYet(p), false, 'not before the deadline');
  t.mock.timers.tick(1);
  assert.equal(await p, -1);
  t.mock.timers.tick(200); // the slow answer comes too late to change anything
  assert.equal(await slow, 7);
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

test('unrefSleep resolves after the delay, not before', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const p = unrefSleep(20);
  t.mock.timers.tick(19);
  assert.equal(await settledYet(p), false);
  t.mock.timers.tick(1);
  assert.equal(await settledYet(p), true);
});

test('unrefSleep does not keep the process alive (its timer is unref’d)', () => {
  const probe = setTimeout(() => {}, 0);
  clearTimeout(probe);
  const unref = mock.method(Object.getPrototypeOf(probe) as { unref(): unknown }, 'unref');
  try {
    void unrefSleep(10);
    assert.equal(unref.mock.callCount(), 1);
  } finally {
    unref.mock.restore();
  }
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
