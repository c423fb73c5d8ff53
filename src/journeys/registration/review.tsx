/** The review: everything typed, each with «ویرایش»; confirming stores the request and queues its check. */
import { z } from 'zod';
import { h, Fragment } from '../../web/jsx.js';
import { ui } from '../../phrases/ui.js';
import { addMs } from '../../clock.js';
import { fieldError } from '../../flows/outcome.js';
import { enqueueJob } from '../../jobs/typed.js';
import { SECURITY_QUESTIONS } from '../../domain/security-questions.js';
import { formatJalali } from '../../domain/jalali.js';
import { defineStep } from '../engine/types.js';
import { stepUrl, type RegistrationData, type RegistrationStep } from './data.js';
import { expireStaleRequests, pendingExists } from './requests.js';
import { registrationVerifyJob } from './outcome.js';
import { RegistrationNotice } from './notice.js';

/** The review's rows: the person's own data in full (they typed it); the answers stay hidden. */
function ReviewList(p: { data: RegistrationData; editUrl: (step: RegistrationStep) => string }) {
  const d = p.data;
  const b = d.birth;
  const foreign = d.personKind === 'foreign';
  const row = (label: string, value: string, step: RegistrationStep, ltr = false) => (
    <div class="summary-list__row">
      <dt>{label}</dt>
      <dd dir={ltr ? 'ltr' : undefined}>{value}</dd>
      <dd>
        <a class="summary-list__action" href={p.editUrl(step)}>
          ویرایش
        </a>
      </dd>
    </div>
  );
  return (
    <dl class="summary-list">
      {row(foreign ? ui.fidaCode : ui.nationalCode, ui.digits(d.identity?.nationalCode ?? ''), 'identity', true)}
      {row(ui.mobileShort, ui.digits(d.identity?.mobile ?? ''), 'identity', true)}
      {row(ui.firstName, b?.firstName ?? '', 'birth_certificate')}
      {row(ui.lastName, b?.lastName ?? '', 'birth_certificate')}
      {row(ui.fatherName, b?.fatherName ?? '', 'birth_certificate')}
      {foreign ? null : row(ui.shenasnameh, ui.digits(b?.shenasnamehNumber ?? ''), 'birth_certificate', true)}
      {row(ui.birthDate, b ? formatJalali(b.birthDateIso) : '', 'birth_certificate')}
      {row(ui.gender, b?.gender === 'female' ? ui.female : ui.male, 'birth_certificate')}
      {row(ui.email, d.email?.email ?? '—', 'email', true)}
      {(d.password?.questions ?? []).map((item, i) =>
        row(
          `${['سوال امنیتی اول', 'سوال امنیتی دوم', 'سوال امنیتی سوم'][i]} (${SECURITY_QUESTIONS.find((x) => x.id === item.questionId)?.text ?? ''})`,
          '••••',
          'password',
        ),
      )}
    </dl>
  );
}

export const review = defineStep<RegistrationData, Record<string, never>, undefined>({
  key: 'review',
  stage: 'تایید',
  title: 'بازبینی و ثبت درخواست',
  input: z.object({}),
  next: ['submitted'],
  back: { to: 'password' },
  primary: 'تایید و ارسال درخواست',
  async commit(ctx, flow) {
    const { s, trx } = ctx;
    const data = flow!.data;
    const { identity, birth, password, email, mobileVerified } = data;
    if (!identity || !mobileVerified || !birth || !password?.hash || !email) {
      return { ok: false, errors: [fieldError(null, 'flow.wrong_step')] };
    }
    const now = s.clock.now();
    await expireStaleRequests(s, identity.nationalCode, trx);
    const exists = await trx
      .selectFrom('accounts')
      .select('id')
      .where('national_code', '=', identity.nationalCode)
      .executeTakeFirst();
    if (exists) return { ok: false, errors: [fieldError(null, 'registration.account_exists')] };
    // at most one pending request per national code (a partial unique index): of two racing
    // submissions one is stored, the other hears that one is under review
    const req = await trx
      .insertInto('registration_requests')
      .values({
        flow_id: flow!.id,
        national_code: identity.nationalCode,
        person_kind: data.personKind,
        mobile: identity.mobile,
        email: email.email,
        first_name: birth.firstName,
        last_name: birth.lastName,
        father_name: birth.fatherName,
        shenasnameh_number: birth.shenasnamehNumber,
        birth_date: birth.birthDateIso,
        gender: birth.gender,
        password_hash: password.hash,
        security_answers: JSON.stringify(password.questions),
        status: 'pending',
        created_at: now,
        expires_at: addMs(now, s.config.limits.registrationPendingMs),
      })
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!req) return { ok: false, errors: [pendingExists(s, null)] };
    await enqueueJob(trx, s.clock, registrationVerifyJob, { requestId: req.id, flowId: flow!.id }, { key: req.id });
    // the flow keeps no secrets once the request holds them
    const next: RegistrationData = {
      ...data,
      password: { hash: '', questions: [] },
      requestId: req.id,
      submittedAt: now.toISOString(),
    };
    return { ok: true, state: 'submitted', data: next };
  },
  body: (v) => (
    <Fragment>
      <RegistrationNotice />
      <p>اطلاعات را بررسی کنید. اگر درست است «تایید و ارسال درخواست» را بزنید؛ وگرنه آن را ویرایش کنید.</p>
      <ReviewList data={v.flow!.data} editUrl={(step) => stepUrl(v.flow!.id, step)} />
    </Fragment>
  ),
});
