import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import type { Database } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { JobWorker, enqueue } from '../../src/jobs/queue.js';
import { defineJob, enqueueJob, handleJob } from '../../src/jobs/typed.js';
import { ManualClock } from '../../src/clock.js';
import { freshDatabase } from '../helpers/db.js';

let db: Database;
let cleanup: () => Promise<void>;
const clock = new ManualClock(new Date('2026-11-24T08:00:00Z'));
const greet = defineJob('test.greet', z.object({ name: z.string().min(1), times: z.number().int() }), {
  maxAttempts: 4,
});

before(async () => {
  ({ db, cleanup } = await freshDatabase());
  await migrateToLatest(db);
});
after(async () => cleanup());

test('a typed job: checked when queued, queued once per key, parsed when run', async () => {
  const first = await enqueueJob(db, clock, greet, { name: 'علی', times: 2 }, { key: 'greet:1' });
  assert.ok(first);
  // the same work queued again (a retried step, a repeated callback) adds nothing
  assert.equal(await enqueueJob(db, clock, greet, { name: 'علی', times: 2 }, { key: 'greet:1' }), null);
  await assert.rejects(enqueueJob(db, clock, greet, { name: '', times: 1 }, { key: 'greet:2' }));
  const seen: { name: string; times: number }[] = [];
  const worker = new JobWorker(db, clock, {
    [greet.queue]: handleJob(greet, async (p) => {
      seen.push(p);
    }),
  });
  assert.equal(await worker.drain(), 1);
  assert.deepEqual(seen, [{ name: 'علی', times: 2 }]);
});

test('a payload that does not parse fails for good instead of retrying', async () => {
  const id = await enqueue(db, clock, greet.queue, { name: 42 }, { maxAttempts: 4 });
  let ran = false;
  const worker = new JobWorker(db, clock, {
    [greet.queue]: handleJob(greet, async () => {
      ran = true;
    }),
  });
  await worker.drain();
  const row = await db.selectFrom('jobs').select(['state', 'attempts']).where('id', '=', id).executeTakeFirstOrThrow();
  assert.equal(ran, false);
  assert.deepEqual(row, { state: 'failed', attempts: 1 });
});
