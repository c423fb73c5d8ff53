/**
 * Step 5: the password and three security questions. Coming back to this step (from the review
 * or «مرحله قبل»), the password and answers already given are kept, hashed: an empty password (and
 * repeat) keeps the password; an empty answer keeps the answer given for the same question.
 */
import { z } from 'zod';
import { h, Fragment } from '../../web/jsx.js';
import { SelectField, TextField, errorFor } from '../../web/components/form.js';
import { PasswordPair } from '../../web/components/password.js';
import type { Services } from '../../services.js';
import type { FieldError } from '../../errors/catalogue.js';
import { fieldError } from '../../flows/outcome.js';
import { passwordErrors } from '../../flows/password.js';
import {
  SECURITY_QUESTIONS,
  normalizeAnswer,
  validateSecurityQuestions,
  type SecurityQuestionErrorCode,
} from '../../domain/security-questions.js';
import { passwordReport, type PasswordReport, type PasswordRule } from '../../domain/password-policy.js';
import { defineStep } from '../engine/types.js';
import { later, type RegistrationData } from './data.js';
import { RegistrationNotice } from './notice.js';

/** The three questions' labels, as the page names them (for messages that name a field). */
export const QUESTION_LABELS = ['پرسش اول', 'پرسش دوم', 'پرسش سوم'] as const;
export const ANSWER_LABELS = ['پاسخ اول', 'پاسخ دوم', 'پاسخ سوم'] as const;
const KEPT = 'kept-answer-';

type Held = NonNullable<RegistrationData['password']>;

/** Which answers the flow already holds (hashed) for the question now chosen at each position. */
export function keptAnswers(data: RegistrationData, questionIds: readonly string[]): boolean[] {
  const held = data.password?.questions ?? [];
  return [0, 1, 2].map((i) => Boolean(held[i]?.answerHash) && held[i]!.questionId === questionIds[i]);
}

/** A security-question error on its field, naming the field when something is missing. */
function questionError(field: 'question' | 'answer', index: number, code: SecurityQuestionErrorCode): FieldError {
  const name = `${field}${index + 1}`;
  if (code === 'questions.required') {
    return field === 'answer'
      ? fieldError(name, 'questions.answer_required', { field: ANSWER_LABELS[index] ?? '' })
      : fieldError(name, 'questions.question_required', { field: QUESTION_LABELS[index] ?? '' });
  }
  return fieldError(name, code);
}

/**
 * The server's verdict on a refused password travels with its error (the password itself is
 * never kept), so the page can show the strength meter without JavaScript.
 */
function withReport(e: FieldError, report: PasswordReport): FieldError {
  return { ...e, params: { ...e.params, score: report.score, band: report.band, failed: report.failed.join(' ') } };
}

function reportOf(errors: readonly FieldError[]): PasswordReport | undefined {
  const p = errors.find((e) => e.field === 'password' && e.params?.band !== undefined)?.params;
  if (!p) return undefined;
  return {
    score: Number(p.score),
    band: String(p.band) as PasswordReport['band'],
    failed: String(p.failed).split(' ').filter(Boolean) as PasswordRule[],
  };
}

type Checked = { password: Held };

async function checkPasswordStep(
  s: Services,
  data: RegistrationData,
  input: Record<string, string>,
): Promise<{ ok: false; errors: FieldError[] } | { ok: true; value: Checked }> {
  const password = input.password!;
  const repeat = input.passwordRepeat!;
  const held = data.password;
  const keepPassword = Boolean(held?.hash) && password === '' && repeat === '';
  const personal = {
    firstName: data.birth?.firstName,
    lastName: data.birth?.lastName,
    nationalCode: data.identity?.nationalCode,
  };
  const errors = (keepPassword ? [] : passwordErrors(password, repeat, personal)).map((e) =>
    e.field === 'password' && e.code !== 'password.required' ? withReport(e, passwordReport(password, personal)) : e,
  );
  const typed = [1, 2, 3].map((i) => ({ questionId: input[`question${i}`]!, answer: input[`answer${i}`]! }));
  const kept = keptAnswers(
    data,
    typed.map((x) => x.questionId.trim()),
  ).map((k, i) => k && !normalizeAnswer(typed[i]!.answer));
  // a kept answer stands in as a distinct placeholder, so the usual checks run on the rest
  const items = typed.map((x, i) => (kept[i] ? { ...x, answer: `${KEPT}${i}` } : x));
  const q = validateSecurityQuestions(items);
  if (!q.ok) {
    for (const e of q.errors) errors.push(questionError(e.field, e.index, e.code));
  } else {
    // a new answer may not repeat one that is kept (only its hash is known: compare with it)
    for (const [i, item] of q.value.entries()) {
      if (kept[i]) continue;
      for (const [j, other] of (held?.questions ?? []).entries()) {
        if (j !== i && kept[j] && (await s.hasher.verify(other.answerHash, item.answer))) {
          errors.push(questionError('answer', i, 'questions.duplicate_answer'));
          break;
        }
      }
    }
  }
  if (errors.length || !q.ok) return { ok: false, errors };
  const hash = keepPassword ? held!.hash : await s.hasher.hash(password);
  const questions = await Promise.all(
    q.value.map(async (item, i) => ({
      questionId: item.questionId,
      answerHash: kept[i] ? held!.questions[i]!.answerHash : await s.hasher.hash(item.answer),
    })),
  );
  return { ok: true, value: { password: { hash, questions } } };
}

const text = (max: number) => z.string().max(max);
const questionOptions = SECURITY_QUESTIONS.map((q) => ({ value: q.id, label: q.text }));

export const password = defineStep<
  RegistrationData,
  {
    password: z.ZodString;
    passwordRepeat: z.ZodString;
    question1: z.ZodString;
    answer1: z.ZodString;
    question2: z.ZodString;
    answer2: z.ZodString;
    question3: z.ZodString;
    answer3: z.ZodString;
  },
  Checked
>({
  key: 'password',
  stage: 'گذرواژه',
  title: 'گذرواژه و پرسش‌های امنیتی',
  input: z.object({
    password: text(128).describe('Empty, with an empty repeat, keeps the password given earlier in this flow'),
    passwordRepeat: text(128),
    question1: text(50).describe('An id from GET /api/v1/security-questions'),
    answer1: text(100).describe('Empty keeps the answer given earlier to the same question in this flow'),
    question2: text(50),
    answer2: text(100),
    question3: text(50),
    answer3: text(100),
  }),
  secret: ['password', 'passwordRepeat', 'answer1', 'answer2', 'answer3'],
  next: ['review'],
  back: { to: 'email' },
  prefill: (flow) =>
    Object.fromEntries((flow.data.password?.questions ?? []).map((x, i) => [`question${i + 1}`, x.questionId])),
  // argon2 hashing is slow: outside the transaction
  prepare: (ctx, flow, input) => checkPasswordStep(ctx.s, flow!.data, input),
  async commit(_ctx, flow, _input, checked) {
    const data = flow!.data;
    return {
      ok: true,
      state: 'review',
      data: { ...data, password: checked.password, reached: later(data.reached, 'review') },
    };
  },
  body: (v) => {
    const data = v.flow!.data;
    const val = (name: string) => v.values[name];
    const kept = keptAnswers(
      data,
      [1, 2, 3].map((i) => val(`question${i}`) ?? ''),
    );
    return (
      <Fragment>
        <RegistrationNotice>
          <li>اگر در مکان عمومی ثبت نام می‌کنید و خانه‌های گذرواژه از پیش پر شده‌اند، ثبت نام را ادامه ندهید.</li>
        </RegistrationNotice>
        <PasswordPair
          error={errorFor(v.errors, 'password')}
          repeatError={errorFor(v.errors, 'passwordRepeat')}
          keep={Boolean(data.password?.hash)}
          report={reportOf(v.errors)}
        />
        <fieldset class="questions">
          <legend>پرسش‌های امنیتی</legend>
          <p class="hint">
            سه پرسش متفاوت با سه پاسخ متفاوت برگزینید. اگر گذرواژه را فراموش کنید با این پاسخ‌ها گذرواژه تازه می‌سازید؛
            لازم نیست پاسخ واقعی باشد، فقط آن را به خاطر بسپارید.
          </p>
          {[1, 2, 3].map((i) => (
            <div class="question-pair">
              <SelectField
                name={`question${i}`}
                label={QUESTION_LABELS[i - 1]!}
                options={questionOptions}
                value={val(`question${i}`)}
                error={errorFor(v.errors, `question${i}`)}
                required
              />
              <TextField
                name={`answer${i}`}
                label={ANSWER_LABELS[i - 1]!}
                hint={
                  kept[i - 1]
                    ? 'حداقل دو حرف. برای نگه داشتن پاسخی که پیش‌تر به همین پرسش دادید، خالی بگذارید.'
                    : 'حداقل دو حرف'
                }
                error={errorFor(v.errors, `answer${i}`)}
                required={!kept[i - 1]}
                maxlength={100}
              />
            </div>
          ))}
        </fieldset>
      </Fragment>
    );
  },
});
