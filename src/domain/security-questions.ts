/**
 * Security questions used for password recovery. The account portal asks for three different
 * questions with three different answers of at least two characters each.
 */
import { normalizePersianText } from './digits.js';

export interface SecurityQuestion {
  readonly id: string;
  readonly text: string;
}

export const SECURITY_QUESTIONS: readonly SecurityQuestion[] = Object.freeze(
  [
    { id: 'favourite_color', text: 'رنگ مورد علاقه‌ی شما چیست؟' },
    { id: 'birth_city', text: 'در چه شهری به دنیا آمده‌اید؟' },
    { id: 'first_workplace', text: 'نام نخستین محل کار شما چه بود؟' },
    { id: 'primary_teacher', text: 'نام یکی از آموزگاران دوران دبستان شما چه بود؟' },
    { id: 'childhood_friend', text: 'نام صمیمی‌ترین دوست دوران کودکی شما چیست؟' },
    { id: 'first_school', text: 'نام نخستین مدرسه‌ای که در آن درس خواندید چه بود؟' },
    { id: 'mother_birth_city', text: 'مادر شما در کدام شهر به دنیا آمده است؟' },
    { id: 'favourite_book', text: 'نام کتاب مورد علاقه‌ی شما چیست؟' },
    { id: 'first_car', text: 'نخستین خودروی شما چه بود؟' },
    { id: 'favourite_food', text: 'غذای مورد علاقه‌ی شما چیست؟' },
  ].map((q) => Object.freeze(q)),
);

const QUESTION_IDS: ReadonlySet<string> = new Set(SECURITY_QUESTIONS.map((q) => q.id));

export const SECURITY_QUESTION_COUNT = 3;
export const SECURITY_ANSWER_MIN_LENGTH = 2;

export function isKnownQuestionId(id: string): boolean {
  return QUESTION_IDS.has(id);
}

/**
 * Canonical form of an answer, for storing (hashed) and comparing:
 * {@link normalizePersianText} (digits, ی/ک, NFC), lower-cased, and every whitespace, ZWNJ, ZWJ,
 * bidi mark, tatweel (ـ) and Arabic short-vowel mark (harakat) removed, so that «تهران»,
 * « تهران », «تهـران» and the same word typed with Arabic ي/ك compare equal. Idempotent.
 */
export function normalizeAnswer(answer: string): string {
  return (
    normalizePersianText(answer)
      .toLowerCase()
      .replace(/[\s\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/g, '')
      // tatweel and harakat: marks, not letters (listed apart: in one class they trip the linter)
      .replace(/\u0640|[\u064B-\u065F]|\u0670/gu, '')
      .normalize('NFC')
  );
}

export type SecurityQuestionErrorCode =
  | 'questions.required'
  | 'questions.unknown'
  | 'questions.duplicate_question'
  | 'questions.answer_too_short'
  | 'questions.duplicate_answer';

export interface SecurityQuestionError {
  index: number;
  field: 'question' | 'answer';
  code: SecurityQuestionErrorCode;
}

export interface SecurityQuestionAnswer {
  questionId: string;
  answer: string;
}

export type SecurityQuestionsResult =
  { ok: true; value: SecurityQuestionAnswer[] } | { ok: false; errors: SecurityQuestionError[] };

/**
 * Exactly three items; each question known and different from the earlier ones; each answer at
 * least two characters after {@link normalizeAnswer}; the three normalised answers different.
 * A duplicate is reported on the later item. At most one error per item and field
 * (required > unknown/too short > duplicate). Missing items (fewer than three) are reported as
 * `questions.required` on their index; items beyond the third as `questions.unknown`.
 * On success the answers are returned normalised.
 */
export function validateSecurityQuestions(items: readonly SecurityQuestionAnswer[]): SecurityQuestionsResult {
  const errors: SecurityQuestionError[] = [];
  const seenQuestions = new Set<string>();
  const seenAnswers = new Set<string>();
  const value: SecurityQuestionAnswer[] = [];

  for (let index = 0; index < Math.max(items.length, SECURITY_QUESTION_COUNT); index++) {
    const item = items[index];
    if (index >= SECURITY_QUESTION_COUNT) {
      errors.push({ index, field: 'question', code: 'questions.unknown' });
      continue;
    }
    if (item === undefined) {
      errors.push({ index, field: 'question', code: 'questions.required' });
      errors.push({ index, field: 'answer', code: 'questions.required' });
      continue;
    }

    const questionId = (item.questionId ?? '').trim();
    if (questionId === '') {
      errors.push({ index, field: 'question', code: 'questions.required' });
    } else if (!QUESTION_IDS.has(questionId)) {
      errors.push({ index, field: 'question', code: 'questions.unknown' });
    } else if (seenQuestions.has(questionId)) {
      errors.push({ index, field: 'question', code: 'questions.duplicate_question' });
    } else {
      seenQuestions.add(questionId);
    }

    const answer = normalizeAnswer(item.answer ?? '');
    const length = [...answer].length;
    if (length === 0) {
      errors.push({ index, field: 'answer', code: 'questions.required' });
    } else if (length < SECURITY_ANSWER_MIN_LENGTH) {
      errors.push({ index, field: 'answer', code: 'questions.answer_too_short' });
    } else if (seenAnswers.has(answer)) {
      errors.push({ index, field: 'answer', code: 'questions.duplicate_answer' });
    } else {
      seenAnswers.add(answer);
    }

    value.push({ questionId, answer });
  }

  return errors.length > 0 ? { ok: false, errors } : { ok: true, value };
}
