/** Recovery by the three security questions (decoys when there are none: every national code looks alike). */
import type { Services } from '../../services.js';
import type { FieldError } from '../../errors/catalogue.js';
import { fieldError } from '../../flows/outcome.js';
import { normalizeAnswer, SECURITY_QUESTION_COUNT, SECURITY_QUESTIONS } from '../../domain/security-questions.js';
import { hmac } from '../../security/hmac.js';
import { ui } from '../../phrases/ui.js';
import { accountOf, statusError, type RecoveryData } from './data.js';

/** Wrong answers are counted per national code (so starting again gives no fresh guesses). */
const questionBudget = (s: Services, nationalCode: string) => ({
  key: s.rates.key('recovery-q', nationalCode),
  limit: s.config.limits.recoveryQuestionAttempts,
  windowMs: s.config.limits.recoveryQuestionWindowMs,
});

/**
 * The three questions the page asks: the account's own, or, when there is no account or it has
 * no questions, three fixed for this national code (the same on every visit), so the page cannot
 * tell anyone whether questions are set.
 */
export async function recoveryQuestions(s: Services, data: RecoveryData): Promise<string[]> {
  const rows = data.accountId
    ? await s.db
        .selectFrom('security_answers')
        .select('question_id')
        .where('account_id', '=', data.accountId)
        .orderBy('position')
        .execute()
    : [];
  if (rows.length >= SECURITY_QUESTION_COUNT) return rows.map((r) => r.question_id);
  return decoyQuestions(s.config.secret, data.nationalCode);
}

/** The questions with their text, as the page and the API show them. */
export async function questionsShown(s: Services, data: RecoveryData): Promise<{ id: string; text: string }[]> {
  return (await recoveryQuestions(s, data)).map((id) => ({
    id,
    text: SECURITY_QUESTIONS.find((q) => q.id === id)?.text ?? id,
  }));
}

function decoyQuestions(secret: string, nationalCode: string): string[] {
  const ids = SECURITY_QUESTIONS.map((q) => q.id);
  const seed = hmac(secret, 'recovery-decoy-questions', nationalCode);
  const picked: string[] = [];
  for (let i = 0; picked.length < SECURITY_QUESTION_COUNT; i += 2) {
    const id = ids[parseInt(seed.slice(i % 60, (i % 60) + 4), 16) % ids.length]!;
    if (!picked.includes(id)) picked.push(id);
  }
  return picked;
}

/** Whether the questions are closed for this national code for now (the same for everyone). */
export async function questionsClosed(s: Services, data: RecoveryData): Promise<boolean> {
  return (await s.rates.blockedUntil(questionBudget(s, data.nationalCode))) !== null;
}

/**
 * All three answers must match. Every answer is checked every time (no early exit, so timing
 * shows nothing about which one was wrong, or whether there was an account). Wrong attempts count
 * per national code over a day, shared by every flow, charged before checking (outside any
 * transaction: the charge stands whatever the step answers).
 */
export async function checkAnswers(
  s: Services,
  data: RecoveryData,
  input: { answer1: string; answer2: string; answer3: string },
): Promise<{ ok: true } | { ok: false; errors: FieldError[] }> {
  const answers = [input.answer1, input.answer2, input.answer3].map((a) => normalizeAnswer(a));
  const missing = answers.flatMap((a, i) =>
    a ? [] : [fieldError(`answer${i + 1}`, 'questions.answer_required', { field: ui.securityAnswerName(i + 1) })],
  );
  if (missing.length) return { ok: false, errors: missing };

  const L = s.config.limits;
  const budget = questionBudget(s, data.nationalCode);
  const charged = await s.rates.chargeAll([budget]);
  if (!charged.allowed) return { ok: false, errors: [fieldError(null, 'recovery.too_many_attempts')] };

  const account = await accountOf(s.db, data);
  const stored = account
    ? await s.db
        .selectFrom('security_answers')
        .select(['position', 'answer_hash'])
        .where('account_id', '=', account.id)
        .orderBy('position')
        .execute()
    : [];
  const results =
    stored.length >= SECURITY_QUESTION_COUNT
      ? await Promise.all(
          stored.slice(0, SECURITY_QUESTION_COUNT).map((row, i) => s.hasher.verify(row.answer_hash, answers[i]!)),
        )
      : await Promise.all(answers.map((a) => s.hasher.verifyAgainstNothing(a)));
  if (!account || !results.every(Boolean)) {
    const remaining = L.recoveryQuestionAttempts - charged.counts[0]!;
    return {
      ok: false,
      errors: [
        remaining > 0
          ? fieldError(null, 'recovery.wrong_answers', { remaining })
          : fieldError(null, 'recovery.too_many_attempts'),
      ],
    };
  }
  await s.rates.reset(budget.key);
  const closed = statusError(account.status);
  return closed ? { ok: false, errors: [closed] } : { ok: true };
}
