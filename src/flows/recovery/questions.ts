/** Recovery by the three security questions (decoys when there are none: every national code looks alike). */
import type { Services } from '../../services.js';
import { moveFlow } from '../step.js';
import { fail, fieldError, str, type Input, type StepOutcome } from '../outcome.js';
import { normalizeAnswer, SECURITY_QUESTION_COUNT, SECURITY_QUESTIONS } from '../../domain/security-questions.js';
import { hmac } from '../../security/hmac.js';
import { ui } from '../../phrases/ui.js';
import { accountOf, guard, statusError, type RecoveryData, type RecoveryFlow } from './navigation.js';

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
export async function recoveryQuestions(s: Services, flow: RecoveryFlow): Promise<string[]> {
  const rows = flow.data.accountId
    ? await s.db
        .selectFrom('security_answers')
        .select('question_id')
        .where('account_id', '=', flow.data.accountId)
        .orderBy('position')
        .execute()
    : [];
  if (rows.length >= SECURITY_QUESTION_COUNT) return rows.map((r) => r.question_id);
  return decoyQuestions(s.config.secret, flow.data.nationalCode);
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
export async function questionsClosed(s: Services, flow: RecoveryFlow): Promise<boolean> {
  return (await s.rates.blockedUntil(questionBudget(s, flow.data.nationalCode))) !== null;
}

/**
 * Step 3 (questions): all three answers must match. Every answer is checked every time (no early
 * exit, so timing shows nothing about which one was wrong, or whether there was an account).
 * Wrong attempts count per national code over a day, shared by every flow, charged before checking.
 */
export async function submitAnswers(s: Services, flow: RecoveryFlow, input: Input): Promise<StepOutcome<RecoveryData>> {
  const g = guard(flow, 'questions');
  if (g.length) return fail(flow, g);
  const answers = [1, 2, 3].map((i) => normalizeAnswer(str(input, `answer${i}`)));
  const missing = answers.flatMap((a, i) =>
    a ? [] : [fieldError(`answer${i + 1}`, 'questions.answer_required', { field: ui.securityAnswerName(i + 1) })],
  );
  if (missing.length) return fail(flow, missing);

  const L = s.config.limits;
  const budget = questionBudget(s, flow.data.nationalCode);
  const charged = await s.rates.chargeAll([budget]);
  if (!charged.allowed) return fail(flow, [fieldError(null, 'recovery.too_many_attempts')]);

  const account = await accountOf(s, flow);
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
    return fail(flow, [
      remaining > 0
        ? fieldError(null, 'recovery.wrong_answers', { remaining })
        : fieldError(null, 'recovery.too_many_attempts'),
    ]);
  }
  await s.rates.reset(budget.key);
  const closed = statusError(account.status);
  if (closed) return fail(flow, [closed]);
  return moveFlow(s, flow, 'new_password', { ...flow.data, verified: 'questions' });
}
