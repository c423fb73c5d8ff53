/**
 * After the review the flow waits in `submitted` for its `registration.verify` job: the civil
 * registry is asked (outside any transaction), then the request is settled (an account, or a
 * refusal, each told by SMS) and the flow moved to the outcome, in one transaction. While the
 * registry is down the job retries with growing delays until the request's deadline.
 */
import { z } from 'zod';
import { h } from '../../web/jsx.js';
import { Notice } from '../../web/components/form.js';
import type { Services } from '../../services.js';
import type { Tx } from '../../db/database.js';
import type { RegistrationRequestsTable, RegistrationStatus, StoredSecurityAnswer } from '../../db/schema.js';
import type { Selectable } from 'kysely';
import { ui } from '../../phrases/ui.js';
import { formatMessage, honorific, sms } from '../../phrases/fa.js';
import { wholeHours } from '../../flows/outcome.js';
import { defineJob } from '../../jobs/typed.js';
import { RetryLater, backoffDelay } from '../../jobs/queue.js';
import { queueSms } from '../../sms/outbox.js';
import { audit } from '../../identity/audit.js';
import { formatJalali } from '../../domain/jalali.js';
import type { EndDef, JourneyFlow, WaitDef } from '../engine/types.js';
import { BASE, stepUrl, type RegistrationData } from './data.js';

/** One registry check per request (the request id is the key); it retries until the request expires. */
export const registrationVerifyJob = defineJob(
  'registration.verify',
  z.object({ requestId: z.uuid(), flowId: z.uuid() }),
  { maxAttempts: 10_000 },
);

type Request = Selectable<RegistrationRequestsTable>;
type Outcome = Exclude<RegistrationStatus, 'pending'>;
/** What the registry said, or that there is nothing to ask (the request is decided, or too old). */
type Verdict =
  | { kind: 'decided' }
  | { kind: 'expired' }
  | { kind: 'mismatch'; fields: string[] }
  | { kind: 'match'; branch: boolean };

async function check(s: Services, requestId: string, attempt: number): Promise<Verdict> {
  const req = await s.db.selectFrom('registration_requests').selectAll().where('id', '=', requestId).executeTakeFirst();
  if (!req || req.status !== 'pending') return { kind: 'decided' };
  const now = s.clock.now();
  if (req.expires_at <= now) return { kind: 'expired' };
  const result = await s.civilRegistry.verifyIdentity({
    nationalCode: req.national_code,
    personKind: req.person_kind,
    firstName: req.first_name,
    lastName: req.last_name,
    fatherName: req.father_name,
    birthDateIso: req.birth_date,
    gender: req.gender,
    shenasnamehNumber: req.shenasnameh_number,
  });
  if (result.status === 'unavailable') {
    s.log.warn({ requestId, attempt, reason: result.reason }, 'civil registry unavailable; will retry');
    const delay = backoffDelay(attempt, 30_000, 30 * 60_000);
    const untilExpiry = req.expires_at.getTime() - now.getTime();
    // the last try lands right after the deadline, to close the request and tell the person
    throw new RetryLater(Math.min(delay, Math.max(1_000, untilExpiry + 1_000)), `registry ${result.reason}`);
  }
  if (result.status === 'mismatch') return { kind: 'mismatch', fields: result.fields };
  return { kind: 'match', branch: result.activation === 'branch_visit' };
}

/** Closes a request without an account: its status, the outcome, and no secrets kept. */
async function close(trx: Tx, s: Services, req: Request, status: 'expired' | 'mismatch', outcome: object) {
  await trx
    .updateTable('registration_requests')
    .set({
      status,
      decided_at: s.clock.now(),
      outcome: JSON.stringify(outcome),
      password_hash: '',
      security_answers: '[]',
    })
    .where('id', '=', req.id)
    .execute();
  const text =
    status === 'expired'
      ? sms.registrationExpired(wholeHours(s.config.limits.registrationPendingMs))
      : sms.identityMismatch();
  await queueSms(trx, s.clock, { to: req.mobile, text, purpose: `registration.${status}` });
}

/** A match: the account (active, or waiting for a branch visit) with the request's answer hashes. */
async function activate(trx: Tx, s: Services, req: Request, branch: boolean): Promise<Outcome> {
  const now = s.clock.now();
  const account = await trx
    .insertInto('accounts')
    .values({
      national_code: req.national_code,
      person_kind: req.person_kind,
      status: branch ? 'pending_branch_visit' : 'active',
      mobile: req.mobile,
      email: req.email,
      first_name: req.first_name,
      last_name: req.last_name,
      father_name: req.father_name,
      shenasnameh_number: req.shenasnameh_number,
      birth_date: req.birth_date,
      gender: req.gender,
      password_hash: req.password_hash,
      password_changed_at: now,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('national_code').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!account) {
    // another path made this person's account first; this request is spent
    await trx
      .updateTable('registration_requests')
      .set({ status: 'superseded', decided_at: now, password_hash: '', security_answers: '[]' })
      .where('id', '=', req.id)
      .execute();
    return 'superseded';
  }
  const answers = req.security_answers as unknown as StoredSecurityAnswer[];
  await trx
    .insertInto('security_answers')
    .values(
      answers.map((a, i) => ({
        account_id: account.id,
        position: i + 1,
        question_id: a.questionId,
        answer_hash: a.answerHash,
      })),
    )
    .execute();
  const status = branch ? 'branch_visit' : 'activated';
  await trx
    .updateTable('registration_requests')
    .set({
      status,
      decided_at: now,
      outcome: JSON.stringify({ accountId: account.id }),
      // the account holds the secrets now
      password_hash: '',
      security_answers: '[]',
    })
    .where('id', '=', req.id)
    .execute();
  const title = honorific(req.gender, req.first_name, req.last_name);
  await queueSms(trx, s.clock, {
    to: req.mobile,
    text: branch ? sms.approvedVisitBranch(title) : sms.welcome(title),
    purpose: `registration.${status}`,
  });
  await audit(trx, s.clock, {
    actor: 'system',
    action: branch ? 'account.created_pending_branch' : 'account.created',
    accountId: account.id,
  });
  return status;
}

/** Settles the request (locked: one outcome however many times the job runs) and names the outcome. */
async function settle(trx: Tx, s: Services, requestId: string, v: Verdict): Promise<Outcome | null> {
  const req = await trx
    .selectFrom('registration_requests')
    .selectAll()
    .where('id', '=', requestId)
    .forUpdate()
    .executeTakeFirst();
  if (!req) return null;
  if (req.status !== 'pending') return req.status;
  if (v.kind === 'decided') return null;
  if (v.kind === 'match') return activate(trx, s, req, v.branch);
  const status = v.kind === 'expired' ? 'expired' : 'mismatch';
  await close(
    trx,
    s,
    req,
    status,
    v.kind === 'expired' ? { reason: 'no registry outcome in time' } : { fields: v.fields },
  );
  return status;
}

const OUTCOMES = ['activated', 'branch_visit', 'mismatch', 'expired', 'superseded'] as const;
const statusTtl = (L: Services['config']['limits']) => L.registrationPendingMs + L.flowTtlMs;
const TITLE = 'درخواست ثبت نام';

/** What the status page says for each status (branch: the words login and recovery use). */
function StatusNotice(p: { s: Services; flow: JourneyFlow<RegistrationData>; status: RegistrationStatus }) {
  const hours = ui.digits(String(wholeHours(p.s.config.limits.registrationPendingMs)));
  const messages: Record<RegistrationStatus, { kind: 'info' | 'success' | 'warning' | 'error'; text: string }> = {
    pending: {
      kind: 'success',
      text: `درخواست شما با موفقیت ثبت شد. نتیجه بررسی با پیامک به شما اعلام می‌شود. ثبت درخواست به معنی ساخت حساب نیست؛ تا رسیدن پیامک صبر کنید. اگر تا ${hours} ساعت پیامکی نرسید، دوباره ثبت نام کنید.`,
    },
    activated: { kind: 'success', text: 'حساب کاربری شما فعال شد. اکنون می‌توانید وارد شوید.' },
    branch_visit: { kind: 'warning', text: formatMessage('login.pending_branch_visit') },
    mismatch: {
      kind: 'error',
      text: 'اطلاعات هویتی واردشده با پایگاه ثبت احوال هم‌خوانی ندارد. می‌توانید دوباره ثبت نام کنید.',
    },
    expired: { kind: 'warning', text: `درخواست در ${hours} ساعت به نتیجه نرسید. لطفا دوباره ثبت نام کنید.` },
    superseded: { kind: 'info', text: 'برای این کد ملی حساب کاربری ساخته شده است. وارد شوید.' },
  };
  const m = messages[p.status];
  const submitted = p.flow.data.submittedAt;
  return (
    <div>
      <Notice kind={m.kind} title="پیام سیستم">
        <p data-status={p.status}>{m.text}</p>
        {submitted ? <p class="muted">{`تاریخ ثبت: ${formatJalali(new Date(submitted))}`}</p> : null}
      </Notice>
      <p>
        {p.status === 'activated' || p.status === 'superseded' ? (
          <a class="button" href="/login">
            {ui.login}
          </a>
        ) : p.status === 'mismatch' || p.status === 'expired' ? (
          <a class="button" href={BASE}>
            {ui.register}
          </a>
        ) : (
          <a class="button button--secondary" href={stepUrl(p.flow.id, 'submitted')}>
            به‌روزرسانی وضعیت
          </a>
        )}
      </p>
    </div>
  );
}

export const submitted: WaitDef<RegistrationData, z.infer<typeof registrationVerifyJob.payload>, Verdict> = {
  job: registrationVerifyJob,
  next: OUTCOMES,
  // the status page lives as long as the request may wait, and an hour past that to show how it ended
  ttlMs: statusTtl,
  check: (ctx, _flow, event) => check(ctx.s, event.requestId, ctx.attempt),
  async handle(ctx, flow, event, verdict) {
    const outcome = await settle(ctx.trx, ctx.s, event.requestId, verdict);
    return outcome ? { ok: true, state: outcome, data: flow.data } : { ok: false, errors: [] };
  },
  title: TITLE,
  body: (flow, s) => <StatusNotice s={s} flow={flow} status="pending" />,
};

/** The outcomes, each an end page at the same place the status was (its link and the SMS say so). */
export const outcomes: EndDef<RegistrationData>[] = OUTCOMES.map((status) => ({
  state: status,
  ttlMs: statusTtl,
  page: { title: TITLE, body: (flow, s) => <StatusNotice s={s} flow={flow} status={status} /> },
}));
