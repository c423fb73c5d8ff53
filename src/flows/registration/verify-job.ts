import type { Services } from '../../services.js';
import type { JobHandler } from '../../jobs/queue.js';
import { RetryLater, backoffDelay } from '../../jobs/queue.js';
import { handleJob } from '../../jobs/typed.js';
import { registrationVerifyJob } from './registration.js';
import { queueSms } from '../../sms/outbox.js';
import { sms, honorific } from '../../phrases/fa.js';
import { audit } from '../../identity/audit.js';
import type { StoredSecurityAnswer } from '../../db/schema.js';
import type { Tx } from '../../db/database.js';
import { wholeHours } from '../outcome.js';

/**
 * Checks a registration request against the civil registry and settles it: an account (active or
 * waiting for a branch visit), or a refusal, each told by SMS. While the registry is down the job
 * waits and tries again with growing delays, until the request's deadline (registrationPendingMs) passes.
 */
export function registrationVerifyHandler(s: Services): JobHandler {
  return handleJob(registrationVerifyJob, async ({ requestId: id }, ctx) => {
    const req = await s.db.selectFrom('registration_requests').selectAll().where('id', '=', id).executeTakeFirst();
    if (!req || req.status !== 'pending') return;
    const now = s.clock.now();
    if (req.expires_at <= now) {
      await settle(s, id, 'expired', { reason: 'no registry outcome in time' }, async (trx) => {
        await queueSms(trx, s.clock, {
          to: req.mobile,
          text: sms.registrationExpired(wholeHours(s.config.limits.registrationPendingMs)),
          purpose: 'registration.expired',
        });
      });
      return;
    }
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
      s.log.warn(
        { requestId: id, attempt: ctx.attempt, reason: result.reason },
        'civil registry unavailable; will retry',
      );
      const delay = backoffDelay(ctx.attempt, 30_000, 30 * 60_000);
      const untilExpiry = req.expires_at.getTime() - now.getTime();
      // the last try lands right after the deadline, to close the request and tell the person
      throw new RetryLater(Math.min(delay, Math.max(1_000, untilExpiry + 1_000)), `registry ${result.reason}`);
    }
    const title = honorific(req.gender, req.first_name, req.last_name);
    if (result.status === 'mismatch') {
      await settle(s, id, 'mismatch', { fields: result.fields }, async (trx) => {
        await queueSms(trx, s.clock, {
          to: req.mobile,
          text: sms.identityMismatch(),
          purpose: 'registration.mismatch',
        });
      });
      return;
    }
    const branch = result.activation === 'branch_visit';
    await s.db.transaction().execute(async (trx) => {
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
          .set({ status: 'superseded', decided_at: now })
          .where('id', '=', id)
          .execute();
        return;
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
      await trx
        .updateTable('registration_requests')
        .set({
          status: branch ? 'branch_visit' : 'activated',
          decided_at: now,
          outcome: JSON.stringify({ accountId: account.id }),
          // the account holds the secrets now
          password_hash: '',
          security_answers: '[]',
        })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .execute();
      await queueSms(trx, s.clock, {
        to: req.mobile,
        text: branch ? sms.approvedVisitBranch(title) : sms.welcome(title),
        purpose: branch ? 'registration.branch_visit' : 'registration.activated',
      });
      await audit(trx, s.clock, {
        actor: 'system',
        action: branch ? 'account.created_pending_branch' : 'account.created',
        accountId: account.id,
      });
    });
  });
}

async function settle(
  s: Services,
  id: string,
  status: 'expired' | 'mismatch',
  outcome: Record<string, unknown>,
  also: (trx: Tx) => Promise<void>,
) {
  await s.db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('registration_requests')
      .set({
        status,
        decided_at: s.clock.now(),
        outcome: JSON.stringify(outcome),
        password_hash: '',
        security_answers: '[]',
      })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (r.numUpdatedRows > 0n) await also(trx);
  });
}
