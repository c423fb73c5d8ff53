import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createAccount } from '../helpers/accounts.js';
import { profileIn } from '../helpers/sejam.js';
import { freshDatabase } from '../helpers/db.js';
import { loadConfig } from '../../src/config.js';
import { buildApp } from '../../src/app.js';
import { ManualClock } from '../../src/clock.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { HOUSEKEEPING_QUEUE, purgeExpired, scheduleHousekeeping } from '../../src/housekeeping.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe('housekeeping purge', () => {
  let t: TestApp;
  const logs = new PassThrough();
  const lines: string[] = [];
  before(async () => {
    logs.on('data', (d: Buffer) => lines.push(...d.toString().split('\n').filter(Boolean)));
    t = await createTestApp({ logStream: logs, env: { LOG_LEVEL: 'info' } });
  });
  after(async () => t.close());

  test('deletes exactly the dead rows of every expiring table and keeps the live ones', async () => {
    const db = t.services.db;
    const L = t.services.config.limits;
    const G = L.purgeGraceMs;
    // rows are written now, dated relative to the moment the purge runs (one period later)
    const end = t.clock.now().getTime() + L.purgeEveryMs;
    const at = (ms: number) => new Date(end + ms);
    const acc = await createAccount(t, { nationalCode: '2271568439' });

    await db
      .insertInto('rate_limits')
      .values([
        { key: 'dead', window_start: at(-11 * MIN), count: 3, expires_at: at(-1 * MIN) },
        { key: 'live', window_start: at(-MIN), count: 3, expires_at: at(9 * MIN) },
      ])
      .execute();

    const lockDead = L.loginFailureWindowMs;
    const lock = (key: string, updated: number, lockedUntil: number | null) => ({
      key,
      failures: 2,
      first_failure_at: at(updated),
      locked_until: lockedUntil === null ? null : at(lockedUntil),
      lock_count: 1,
      updated_at: at(updated),
    });
    await db
      .insertInto('lockouts')
      .values([
        lock('dead', -lockDead - G - MIN, -lockDead - G + 15 * MIN),
        lock('quiet-but-remembered', -lockDead - G + HOUR, null),
        lock('locked-now', -HOUR, 3 * HOUR),
      ])
      .execute();

    const session = (id: string, p: { expires: number; idle: number; revoked?: number }) => ({
      id,
      account_id: acc.id,
      created_at: at(-3 * DAY),
      last_seen_at: at(-3 * DAY),
      idle_expires_at: at(p.idle),
      expires_at: at(p.expires),
      revoked_at: p.revoked === undefined ? null : at(p.revoked),
    });
    await db
      .insertInto('sessions')
      .values([
        session('dead-absolute', { expires: -G - MIN, idle: -G - 2 * HOUR }),
        session('dead-idle', { expires: HOUR, idle: -G - MIN }),
        session('dead-revoked', { expires: HOUR, idle: 10 * MIN, revoked: -G - MIN }),
        session('live', { expires: HOUR, idle: 10 * MIN }),
        session('ended-recently', { expires: -HOUR, idle: -2 * HOUR }),
        session('revoked-recently', { expires: HOUR, idle: 10 * MIN, revoked: -HOUR }),
      ])
      .execute();

    const job = (queue: string, state: 'pending' | 'running' | 'done' | 'failed', finished: number | null) => ({
      queue,
      payload: '{}',
      state,
      run_at: at(-40 * DAY),
      max_attempts: 3,
      created_at: at(-40 * DAY),
      finished_at: finished === null ? null : at(finished),
    });
    await db
      .insertInto('jobs')
      .values([
        job('t.dead-done', 'done', -L.jobRetentionMs - MIN),
        job('t.dead-failed', 'failed', -L.jobRetentionMs - MIN),
        job('t.recent-done', 'done', -L.jobRetentionMs + HOUR),
        job('t.old-pending', 'pending', null),
        job('t.old-running', 'running', null),
      ])
      .execute();

    const sms = (purpose: string, status: 'queued' | 'sent' | 'failed', created: number) => ({
      id: randomUUID(),
      to_mobile: '09121234567',
      body: null,
      purpose,
      sensitive: false,
      status,
      created_at: at(created),
      sent_at: status === 'sent' ? at(created) : null,
    });
    await db
      .insertInto('sms_outbox')
      .values([
        sms('dead-sent', 'sent', -L.smsRetentionMs - MIN),
        sms('dead-failed', 'failed', -L.smsRetentionMs - MIN),
        sms('old-but-queued', 'queued', -L.smsRetentionMs - MIN),
        sms('recent-sent', 'sent', -L.smsRetentionMs + HOUR),
      ])
      .execute();

    await db
      .insertInto('dev_sms_inbox')
      .values([
        { message_id: randomUUID(), to_mobile: 'dead', body: 'x', received_at: at(-L.devSmsRetentionMs - MIN) },
        { message_id: randomUUID(), to_mobile: 'live', body: 'x', received_at: at(-L.devSmsRetentionMs + HOUR) },
      ])
      .execute();

    const otp = (subject: string, expires: number) => ({
      subject,
      purpose: 'test',
      mobile: '09121234567',
      code_hmac: 'x',
      max_attempts: 5,
      expires_at: at(expires),
      created_at: at(expires - 10 * MIN),
    });
    await db
      .insertInto('otp_codes')
      .values([otp('dead', -G - MIN), otp('expired-recently', -HOUR), otp('live', 5 * MIN)])
      .execute();

    await db
      .insertInto('captchas')
      .values([
        { answer_hmac: 'dead', svg: '<svg/>', expires_at: at(-MIN) },
        { answer_hmac: 'used-but-unexpired', svg: '<svg/>', expires_at: at(5 * MIN), used_at: at(-MIN) },
        { answer_hmac: 'live', svg: '<svg/>', expires_at: at(5 * MIN) },
      ])
      .execute();

    await db
      .insertInto('altcha_used')
      .values([
        { signature: 'dead', expires_at: at(-G - MIN) },
        { signature: 'expired-recently', expires_at: at(-HOUR) },
        { signature: 'live', expires_at: at(5 * MIN) },
      ])
      .execute();

    // the registry's record of a registered profile goes; one still filling its forms keeps it
    const registered = await profileIn(t, 'tracking_code', { identifier: '0084575948', mobile: '09121234567' });
    const filling = await profileIn(t, 'paid', { identifier: '1279834064', mobile: '09351234567' });
    await db
      .insertInto('sejam_civil_records')
      .values(
        [registered, filling].map((p) => ({ profile_id: p.id, status: 'not_found' as const, updated_at: at(-DAY) })),
      )
      .execute();

    const flow = (state: string, expires: number) => ({
      id: randomUUID(),
      kind: 'test',
      state,
      data: '{}',
      expires_at: at(expires),
      created_at: at(expires - HOUR),
      updated_at: at(expires - HOUR),
    });
    const flows = [
      flow('dead', -G - MIN),
      flow('expired-recently', -HOUR),
      flow('live', 30 * MIN),
      flow('pending-registration', -G - HOUR),
      flow('decided-registration', -G - HOUR),
    ];
    await db.insertInto('flows').values(flows).execute();
    const request = (flowId: string, nationalCode: string, status: 'pending' | 'activated') => ({
      flow_id: flowId,
      national_code: nationalCode,
      person_kind: 'iranian' as const,
      mobile: '09121234567',
      first_name: 'علی',
      last_name: 'رضایی',
      father_name: 'حسین',
      shenasnameh_number: '1523',
      birth_date: '1991-04-04',
      gender: 'male' as const,
      password_hash: '',
      security_answers: '[]',
      status,
      created_at: at(-G - 2 * HOUR),
      expires_at: at(DAY),
    });
    await db
      .insertInto('registration_requests')
      .values([request(flows[3]!.id, '0084575948', 'pending'), request(flows[4]!.id, '0084575948', 'activated')])
      .execute();

    t.clock.advance(L.purgeEveryMs);
    lines.length = 0;
    assert.notEqual(await scheduleHousekeeping(db, t.clock, L), null);
    await t.drain();

    const keys = async <T>(rows: Promise<T[]>, pick: (r: T) => string) => (await rows).map(pick).sort();
    assert.deepEqual(await keys(db.selectFrom('rate_limits').select('key').execute(), (r) => r.key), ['live']);
    assert.deepEqual(await keys(db.selectFrom('lockouts').select('key').execute(), (r) => r.key), [
      'locked-now',
      'quiet-but-remembered',
    ]);
    assert.deepEqual(await keys(db.selectFrom('sessions').select('id').execute(), (r) => r.id), [
      'ended-recently',
      'live',
      'revoked-recently',
    ]);
    assert.deepEqual(
      await keys(db.selectFrom('jobs').select('queue').where('queue', 'like', 't.%').execute(), (r) => r.queue),
      ['t.old-pending', 't.old-running', 't.recent-done'],
    );
    assert.deepEqual(await keys(db.selectFrom('sms_outbox').select('purpose').execute(), (r) => r.purpose), [
      'old-but-queued',
      'recent-sent',
    ]);
    assert.deepEqual(await keys(db.selectFrom('dev_sms_inbox').select('to_mobile').execute(), (r) => r.to_mobile), [
      'live',
    ]);
    assert.deepEqual(await keys(db.selectFrom('otp_codes').select('subject').execute(), (r) => r.subject), [
      'expired-recently',
      'live',
    ]);
    assert.deepEqual(await keys(db.selectFrom('captchas').select('answer_hmac').execute(), (r) => r.answer_hmac), [
      'live',
      'used-but-unexpired',
    ]);
    assert.deepEqual(await keys(db.selectFrom('altcha_used').select('signature').execute(), (r) => r.signature), [
      'expired-recently',
      'live',
    ]);
    assert.deepEqual(await keys(db.selectFrom('flows').select('state').execute(), (r) => r.state), [
      'expired-recently',
      'live',
      'pending-registration',
    ]);
    assert.deepEqual(
      (await db.selectFrom('sejam_civil_records').select('profile_id').execute()).map((r) => r.profile_id),
      [filling.id],
    );
    assert.equal((await db.selectFrom('accounts').select('id').execute()).length, 1, 'accounts are never purged');

    // the run logs how many rows went, as plain numbers
    const entry = lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.msg === 'housekeeping purge');
    assert.ok(entry, 'the purge logs its counts');
    assert.deepEqual(entry.deleted, {
      rate_limits: 1,
      lockouts: 1,
      sessions: 3,
      jobs: 2,
      sms_outbox: 2,
      dev_sms_inbox: 1,
      otp_codes: 1,
      captchas: 1,
      altcha_used: 1,
      flows: 2,
      sejam_civil_records: 1,
    });
    const done = await db
      .selectFrom('jobs')
      .select('state')
      .where('queue', '=', HOUSEKEEPING_QUEUE)
      .executeTakeFirstOrThrow();
    assert.equal(done.state, 'done');
  });

  test('deletes in bounded batches until fewer than a batch is left', async () => {
    const db = t.services.db;
    const past = new Date(t.clock.now().getTime() - MIN);
    await db
      .insertInto('rate_limits')
      .values(Array.from({ length: 7 }, (_, i) => ({ key: `b${i}`, window_start: past, count: 1, expires_at: past })))
      .execute();
    const counts = await purgeExpired(db, t.clock, t.services.config.limits, { batchSize: 2 });
    assert.equal(counts.rate_limits, 7);
    assert.equal((await db.selectFrom('rate_limits').select('key').where('key', 'like', 'b%').execute()).length, 0);
  });
});

test('two nodes over one database: one purge job per period, however many nodes schedule it', async () => {
  const { db, cleanup } = await freshDatabase();
  const clock = new ManualClock(new Date('2026-11-24T08:00:00Z'));
  const config = () =>
    loadConfig(
      { NODE_ENV: 'test', HOVIYAT_CAPTCHA: 'simulator', LOG_LEVEL: 'silent' },
      { secret: 'shared-secret-shared-secret-shared-secret-42', dataDir: mkdtempSync(join(tmpdir(), 'hoviyat-node-')) },
    );
  const a = await buildApp(config(), { db, clock, logger: false, worker: { pollMs: 20 } });
  const b = await buildApp(config(), { db, clock, logger: false, worker: { pollMs: 20 } });
  const L = a.services.config.limits;
  const purgeJobs = () =>
    db.selectFrom('jobs').select(['unique_key', 'state']).where('queue', '=', HOUSEKEEPING_QUEUE).execute();
  try {
    // both nodes' schedulers fire together, several times over, within one period
    const ids = await Promise.all(
      Array.from({ length: 8 }, (_, i) => scheduleHousekeeping(db, clock, (i % 2 ? a : b).services.config.limits)),
    );
    assert.equal(ids.filter((id) => id !== null).length, 1);
    clock.advance(L.purgeEveryMs - 1);
    assert.equal(await scheduleHousekeeping(db, clock, L), null, 'still the same period');
    assert.equal((await purgeJobs()).length, 1);

    clock.advance(1);
    const next = await Promise.all([scheduleHousekeeping(db, clock, L), scheduleHousekeeping(db, clock, L)]);
    assert.equal(next.filter((id) => id !== null).length, 1, 'a new period makes one more job');
    assert.equal((await purgeJobs()).length, 2);

    // serving nodes schedule on start (no per-node timers purge by themselves) and one of them runs it
    clock.advance(L.purgeEveryMs);
    a.startBackground();
    b.startBackground();
    // the background loops run on real timers: look every 50 ms, at most 1200 times (a minute)
    // — a bound so a broken scheduler fails instead of hanging, not a speed threshold
    let jobs = await purgeJobs();
    for (let i = 0; i < 1200 && jobs.filter((j) => j.state === 'done').length < 3; i++) {
      await new Promise((r) => setTimeout(r, 50));
      jobs = await purgeJobs();
    }
    assert.equal(jobs.length, 3);
    assert.ok(jobs.every((j) => j.state === 'done'));
    assert.equal(new Set(jobs.map((j) => j.unique_key)).size, 3);
  } finally {
    await a.app.close();
    await b.app.close();
    await cleanup();
  }
});

test(
  'the purge skips a row a transaction is holding instead of waiting for it',
  {
    skip: !process.env.HOVIYAT_TEST_DATABASE_URL && 'needs a PostgreSQL server (one PGlite session cannot hold a lock)',
  },
  async () => {
    const { db, cleanup } = await freshDatabase();
    const clock = new ManualClock(new Date('2026-11-24T08:00:00Z'));
    const L = loadConfig(
      { NODE_ENV: 'test' },
      { secret: 'x'.repeat(40), dataDir: mkdtempSync(join(tmpdir(), 'hv-')) },
    ).limits;
    await migrateToLatest(db);
    const past = new Date(clock.now().getTime() - MIN);
    await db
      .insertInto('rate_limits')
      .values(['held', 'free1', 'free2'].map((key) => ({ key, window_start: past, count: 1, expires_at: past })))
      .execute();
    const trx = await db.startTransaction().execute();
    try {
      await trx.selectFrom('rate_limits').select('key').where('key', '=', 'held').forUpdate().execute();
      // a purge that waited for the lock would wait for ever (this transaction ends only below):
      // the bound turns that into a failure, it is no speed threshold
      let timer: NodeJS.Timeout | undefined;
      const waited = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('purge waited for the locked row')), 60_000);
      });
      const counts = await Promise.race([purgeExpired(db, clock, L), waited]).finally(() => clearTimeout(timer));
      assert.equal(counts.rate_limits, 2);
      await trx.rollback().execute();
      assert.equal((await purgeExpired(db, clock, L)).rate_limits, 1, 'the next run takes it');
    } finally {
      if (!trx.isCommitted && !trx.isRolledBack) await trx.rollback().execute();
      await cleanup();
    }
  },
);
