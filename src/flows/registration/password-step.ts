/** Registration step 5's checks: the password policy, the three questions, and what is kept on a return. */
import type { Services } from '../../services.js';
import type { FieldError } from '../../errors/catalogue.js';
import { fieldError, str, type Input } from '../outcome.js';
import { checkPassword } from '../../domain/password-policy.js';
import {
  normalizeAnswer,
  validateSecurityQuestions,
  type SecurityQuestionErrorCode,
} from '../../domain/security-questions.js';
import type { RegistrationData } from './navigation.js';

/** Validates a new password and its repeat against the policy; the errors name the fields. */
export function passwordErrors(
  password: string,
  repeat: string,
  personal: { firstName?: string; lastName?: string; nationalCode?: string },
  fields = { password: 'password', repeat: 'passwordRepeat' },
): FieldError[] {
  if (!password) return [fieldError(fields.password, 'password.required')];
  const broken = checkPassword(password, personal);
  if (broken.length) return [fieldError(fields.password, broken[0]!)];
  if (password !== repeat) return [fieldError(fields.repeat, 'password.mismatch')];
  return [];
}

/** The three questions' labels, as the password page names them (for messages that name a field). */
export const QUESTION_LABELS = ['پرسش اول', 'پرسش دوم', 'پرسش سوم'] as const;
export const ANSWER_LABELS = ['پاسخ اول', 'پاسخ دوم', 'پاسخ سوم'] as const;

/** Which answers the flow already holds (hashed) for the question now chosen at each position. */
export function keptAnswers(data: RegistrationData, questionIds: readonly string[]): boolean[] {
  const held = data.password?.questions ?? [];
  return [0, 1, 2].map((i) => Boolean(held[i]?.answerHash) && held[i]!.questionId === questionIds[i]);
}

/**
 * Step 5: the password and three security questions. Coming back to this step (from the review or
 * «مرحله قبل»), the password and answers already given are kept, hashed: an empty password (and
 * repeat) keeps the password; an empty answer keeps the answer given for the same question.
 */
export async function checkPasswordStep(
  s: Services,
  data: RegistrationData,
  input: Input,
): Promise<
  | { ok: false; errors: FieldError[] }
  | { ok: true; password: NonNullable<RegistrationData['password']>; questionIds: string[] }
> {
  const password = input.password ?? '';
  const repeat = input.passwordRepeat ?? '';
  const held = data.password;
  const keepPassword = Boolean(held?.hash) && password === '' && repeat === '';
  const errors = keepPassword
    ? []
    : passwordErrors(password, repeat, {
        firstName: data.birth?.firstName,
        lastName: data.birth?.lastName,
        nationalCode: data.identity?.nationalCode,
      });
  const typed = [1, 2, 3].map((i) => ({ questionId: str(input, `question${i}`), answer: str(input, `answer${i}`) }));
  const kept = keptAnswers(
    data,
    typed.map((x) => x.questionId.trim()),
  ).map((k, i) => k && !normalizeAnswer(typed[i]!.answer));
  // a kept answer stands in as a distinct placeholder, so the usual checks run on the rest
  const items = typed.map((x, i) => (kept[i] ? { ...x, answer: `${KEPT}${i}` } : x));
  const q = validateSecurityQuestions(items);
  if (!q.ok) {
    for (const e of q.errors) errors.push(questionError(e.field, e.index, e.code));
  }
  if (q.ok) {
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
  return { ok: true, password: { hash, questions }, questionIds: typed.map((x) => x.questionId) };
}

const KEPT = 'kept-answer-';

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
