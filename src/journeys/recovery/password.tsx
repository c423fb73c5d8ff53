/** Recovery by the questions, the new password, and the end page. */
import { z } from 'zod';
import { h, Fragment } from '../../web/jsx.js';
import { Notice, TextField, errorFor } from '../../web/components/form.js';
import { PasswordPair } from '../../web/components/password.js';
import { ui } from '../../phrases/ui.js';
import { passwordReport, type PasswordReport } from '../../domain/password-policy.js';
import { fieldError } from '../../flows/outcome.js';
import { passwordErrors } from '../../flows/password.js';
import { replacePassword } from '../../identity/accounts.js';
import { defineStep, type EndDef } from '../engine/types.js';
import { accountOf, noFlow, statusError, verifyStage, type RecoveryData } from './data.js';
import { checkAnswers, questionsShown } from './questions.js';

const answer = (n: number) => z.string().max(100).describe(`The answer to question ${n}`);

/** Step 3 by the questions: the account's three (or decoys, fixed per national code). */
export const questions = defineStep<
  RecoveryData,
  { answer1: z.ZodString; answer2: z.ZodString; answer3: z.ZodString },
  undefined
>({
  key: 'questions',
  stage: verifyStage,
  title: 'سوالات امنیتی',
  input: z.object({ answer1: answer(1), answer2: answer(2), answer3: answer(3) }),
  secret: ['answer1', 'answer2', 'answer3'],
  next: ['new_password'],
  back: { to: 'method' },
  // the answers are checked (and their budget charged) outside the transaction; the move follows
  async prepare(ctx, flow, input) {
    if (!flow) return noFlow();
    const checked = await checkAnswers(ctx.s, flow.data, input);
    return checked.ok ? { ok: true, value: undefined } : checked;
  },
  async commit(_ctx, flow) {
    if (!flow) return noFlow();
    return { ok: true, state: 'new_password', data: { ...flow.data, verified: 'questions' } };
  },
  load: async (ctx, flow) => (flow ? { questions: await questionsShown(ctx.s, flow.data) } : {}),
  body: (v) => (
    <Fragment>
      <p>سوالات امنیتی‌ای را که هنگام ثبت نام برگزیدید پاسخ دهید؛ هر سه پاسخ باید درست باشد.</p>
      {((v.extra.questions as { id: string; text: string }[] | undefined) ?? []).map((q, i) => (
        <fieldset class="question-pair">
          <legend>
            {ui.securityQuestionN(i + 1)} {q.text}
          </legend>
          <TextField
            name={`answer${i + 1}`}
            label={ui.securityAnswerN(i + 1)}
            value={undefined}
            error={errorFor(v.errors, `answer${i + 1}`)}
            required
            maxlength={100}
          />
        </fieldset>
      ))}
    </Fragment>
  ),
});

const secret = z.string().max(128);

/**
 * Step 4: open only when the code or the answers were right in this flow. The password follows
 * the registration policy; it replaces the old one and ends every session. «مرحله قبل» leads to the
 * method page and gives up the verification: it must be given again before a password can be set.
 */
export const newPassword = defineStep<
  RecoveryData,
  { password: z.ZodString; passwordRepeat: z.ZodString },
  { accountId: string; hash: string }
>({
  key: 'new_password',
  stage: ui.newPassword,
  title: ui.newPassword,
  input: z.object({
    password: secret.describe('The new password (registration policy)'),
    passwordRepeat: secret.describe('The same again'),
  }),
  secret: ['password', 'passwordRepeat'],
  next: ['done'],
  primary: ui.saveNewPassword,
  back: { to: 'method', clear: (d) => ({ accountId: d.accountId, nationalCode: d.nationalCode }) },
  async prepare(ctx, flow, input) {
    if (!flow?.data.verified) return noFlow();
    const account = await accountOf(ctx.s.db, flow.data);
    if (!account) return { ok: false, errors: [fieldError(null, 'recovery.not_found')] };
    const closed = statusError(account.status);
    if (closed) return { ok: false, errors: [closed] };
    const errors = passwordErrors(input.password, input.passwordRepeat, {
      firstName: account.first_name,
      lastName: account.last_name,
      nationalCode: account.national_code,
    });
    if (errors.length) return { ok: false, errors };
    return { ok: true, value: { accountId: account.id, hash: await ctx.s.hasher.hash(input.password) } };
  },
  // the flow's move is saved in this transaction: of two tabs sending at once, the second conflicts
  // and its replacement is rolled back
  async commit(ctx, flow, _input, p) {
    if (!flow) return noFlow();
    await replacePassword(ctx.s, ctx.trx, { accountId: p.accountId, hash: p.hash, reason: 'recovery' });
    return { ok: true, state: 'done', data: { ...flow.data, completedAt: ctx.s.clock.now().toISOString() } };
  },
  // the strength meter without JavaScript: the server's verdict on the refused password (never echoed)
  refusal: (input, errors) =>
    errors.some((e) => e.field === 'password') ? { passwordReport: passwordReport(input.password) } : undefined,
  body: (v) => (
    <Fragment>
      <Notice kind="success">
        <p>
          {v.flow?.data.verified === 'questions' ? 'پاسخ سوالات امنیتی درست بود.' : `${ui.verificationCode} درست بود.`}{' '}
          اکنون گذرواژه جدید را تعیین کنید.
        </p>
      </Notice>
      <PasswordPair
        label={ui.newPassword}
        repeatLabel={ui.repeatNewPassword}
        error={errorFor(v.errors, 'password')}
        repeatError={errorFor(v.errors, 'passwordRepeat')}
        report={v.extra.passwordReport as PasswordReport | undefined}
      />
      <p class="hint" data-recovery="back-note">
        با «{ui.previous}» به انتخاب روش بازیابی برمی‌گردید و تاییدی که انجام دادید کنار گذاشته می‌شود؛ برای تعیین
        گذرواژه جدید باید دوباره کد یا پاسخ سوالات امنیتی را وارد کنید.
      </p>
    </Fragment>
  ),
});

export const done: EndDef<RecoveryData> = {
  state: 'done',
  page: {
    title: 'گذرواژه تغییر کرد',
    body: () => (
      <Fragment>
        <Notice kind="success" title="پیام سیستم">
          <p data-recovery="done">
            گذرواژه شما با موفقیت تغییر کرد و همه نشست‌های پیشین بسته شد. اکنون با گذرواژه جدید وارد شوید.
          </p>
        </Notice>
        <p>
          <a class="button" href="/login">
            {ui.login}
          </a>
        </p>
      </Fragment>
    ),
  },
};
