import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  SECURITY_QUESTIONS,
  normalizeAnswer,
  validateSecurityQuestions,
  type SecurityQuestionError,
} from '../../../src/domain/security-questions.js';

const ids = SECURITY_QUESTIONS.map((q) => q.id);

function codes(r: ReturnType<typeof validateSecurityQuestions>): SecurityQuestionError[] {
  assert.equal(r.ok, false);
  return r.ok ? [] : r.errors;
}

describe('SECURITY_QUESTIONS', () => {
  test('at least 8 questions with unique ids and Persian text', () => {
    assert.ok(SECURITY_QUESTIONS.length >= 8);
    assert.equal(new Set(ids).size, ids.length);
    for (const q of SECURITY_QUESTIONS) {
      assert.match(q.id, /^[a-z][a-z_]*$/);
      assert.match(q.text, /[\u0600-\u06FF]/);
      assert.match(q.text, /؟$/);
      // already in normalised Persian form (no Arabic yeh/kaf)
      assert.doesNotMatch(q.text, /[\u064A\u0643]/);
    }
  });

  test('includes the questions the seeds use and the required ids', () => {
    for (const id of [
      'favourite_color',
      'birth_city',
      'first_workplace',
      'primary_teacher',
      'childhood_friend',
      'first_school',
      'mother_birth_city',
      'favourite_book',
    ]) {
      assert.ok(ids.includes(id), id);
    }
  });
});

describe('normalizeAnswer', () => {
  test('whitespace, ZWNJ, Arabic letters and digits do not matter', () => {
    const canonical = normalizeAnswer('تهران');
    for (const v of [' تهران ', 'ته ران', 'ته\u200Cران', '\u200Fتهران\u200E', 'تهـــران']) {
      assert.equal(normalizeAnswer(v), canonical, v);
    }
    assert.equal(normalizeAnswer('علي كريمي'), normalizeAnswer('علی کریمی'));
    assert.equal(normalizeAnswer('علی‌کریمی'), normalizeAnswer('علی کریمی'));
    assert.equal(normalizeAnswer('کلاس ۳'), normalizeAnswer('کلاس3'));
    assert.equal(normalizeAnswer('كلاس ٣'), 'کلاس3');
  });

  test('Latin answers are case-insensitive', () => {
    assert.equal(normalizeAnswer('  Blue '), 'blue');
    assert.equal(normalizeAnswer('BLUE'), normalizeAnswer('blue'));
  });

  test('harakat are ignored', () => {
    assert.equal(normalizeAnswer('مُحَمَّد'), normalizeAnswer('محمد'));
  });

  test('different words stay different', () => {
    assert.notEqual(normalizeAnswer('تهران'), normalizeAnswer('تبریز'));
    assert.notEqual(normalizeAnswer('آبی'), normalizeAnswer('ابی'));
  });

  test('is idempotent', () => {
    const persianish = fc.constantFrom(...'ابپتسیيكکهـ ۱٣4AbÉé\u0301\u200C\u200D\u200F\u064E\u0651\u0654\u0653\t');
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: persianish }), fc.string({ unit: 'binary' })), (s) => {
        const once = normalizeAnswer(s);
        assert.equal(normalizeAnswer(once), once);
      }),
    );
  });

  test('output has no whitespace or ZWNJ', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        assert.doesNotMatch(normalizeAnswer(s), /[\s\u200C]/);
      }),
    );
  });
});

describe('validateSecurityQuestions', () => {
  test('three different questions with three different answers pass, answers normalised', () => {
    const r = validateSecurityQuestions([
      { questionId: 'favourite_color', answer: ' آبي ' },
      { questionId: 'birth_city', answer: 'تهران' },
      { questionId: 'first_workplace', answer: 'بانك ملی' },
    ]);
    assert.deepEqual(r, {
      ok: true,
      value: [
        { questionId: 'favourite_color', answer: 'آبی' },
        { questionId: 'birth_city', answer: 'تهران' },
        { questionId: 'first_workplace', answer: 'بانکملی' },
      ],
    });
  });

  test('fewer than three items: the missing ones are required', () => {
    const errors = codes(validateSecurityQuestions([{ questionId: 'birth_city', answer: 'تهران' }]));
    assert.deepEqual(errors, [
      { index: 1, field: 'question', code: 'questions.required' },
      { index: 1, field: 'answer', code: 'questions.required' },
      { index: 2, field: 'question', code: 'questions.required' },
      { index: 2, field: 'answer', code: 'questions.required' },
    ]);
    assert.equal(codes(validateSecurityQuestions([])).length, 6);
  });

  test('more than three items: the extra ones are refused', () => {
    const errors = codes(
      validateSecurityQuestions([
        { questionId: 'favourite_color', answer: 'آبی' },
        { questionId: 'birth_city', answer: 'تهران' },
        { questionId: 'first_workplace', answer: 'بانک' },
        { questionId: 'favourite_book', answer: 'بوستان' },
      ]),
    );
    assert.deepEqual(errors, [{ index: 3, field: 'question', code: 'questions.unknown' }]);
  });

  test('empty and unknown questions', () => {
    const errors = codes(
      validateSecurityQuestions([
        { questionId: '', answer: 'آبی' },
        { questionId: 'pet_name', answer: 'تهران' },
        { questionId: 'first_workplace', answer: 'بانک' },
      ]),
    );
    assert.deepEqual(errors, [
      { index: 0, field: 'question', code: 'questions.required' },
      { index: 1, field: 'question', code: 'questions.unknown' },
    ]);
  });

  test('duplicate question is reported on the later item', () => {
    const errors = codes(
      validateSecurityQuestions([
        { questionId: 'birth_city', answer: 'آبی' },
        { questionId: 'favourite_color', answer: 'تهران' },
        { questionId: 'birth_city', answer: 'بانک' },
      ]),
    );
    assert.deepEqual(errors, [{ index: 2, field: 'question', code: 'questions.duplicate_question' }]);
  });

  test('answers: required, too short (after normalisation), duplicate on the later item', () => {
    const errors = codes(
      validateSecurityQuestions([
        { questionId: 'favourite_color', answer: '   ' },
        { questionId: 'birth_city', answer: ' ت\u200C ' },
        { questionId: 'first_workplace', answer: 'بانک' },
      ]),
    );
    assert.deepEqual(errors, [
      { index: 0, field: 'answer', code: 'questions.required' },
      { index: 1, field: 'answer', code: 'questions.answer_too_short' },
    ]);

    const dup = codes(
      validateSecurityQuestions([
        { questionId: 'favourite_color', answer: 'تهران' },
        { questionId: 'birth_city', answer: ' ته‌ران ' },
        { questionId: 'first_workplace', answer: 'تهرا ن' },
      ]),
    );
    assert.deepEqual(dup, [
      { index: 1, field: 'answer', code: 'questions.duplicate_answer' },
      { index: 2, field: 'answer', code: 'questions.duplicate_answer' },
    ]);
  });

  test('Arabic and Persian spellings of the same answer are duplicates', () => {
    const errors = codes(
      validateSecurityQuestions([
        { questionId: 'favourite_color', answer: 'آبی' },
        { questionId: 'birth_city', answer: 'كرج' },
        { questionId: 'first_workplace', answer: 'کرج' },
      ]),
    );
    assert.deepEqual(errors, [{ index: 2, field: 'answer', code: 'questions.duplicate_answer' }]);
  });

  test('question and answer errors of one item are both reported', () => {
    const errors = codes(
      validateSecurityQuestions([
        { questionId: 'favourite_color', answer: 'آبی' },
        { questionId: 'favourite_color', answer: 'آبی' },
        { questionId: 'first_workplace', answer: 'بانک' },
      ]),
    );
    assert.deepEqual(errors, [
      { index: 1, field: 'question', code: 'questions.duplicate_question' },
      { index: 1, field: 'answer', code: 'questions.duplicate_answer' },
    ]);
  });

  const answer = fc.stringMatching(/^[ابپتسشکگمنوهی]{2,8}$/);

  test('property: three distinct known questions with distinct answers pass', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom(...ids), { minLength: 3, maxLength: 3 }),
        fc.uniqueArray(answer, { minLength: 3, maxLength: 3, selector: normalizeAnswer }),
        (qs, as) => {
          const r = validateSecurityQuestions(qs.map((q, i) => ({ questionId: q, answer: as[i] ?? '' })));
          assert.equal(r.ok, true);
        },
      ),
    );
  });

  test('property: any repeated question or answer is caught on the later index', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom(...ids), { minLength: 3, maxLength: 3 }),
        fc.uniqueArray(answer, { minLength: 3, maxLength: 3, selector: normalizeAnswer }),
        fc.constantFrom<[number, number]>([0, 1], [0, 2], [1, 2]),
        fc.constantFrom<'question' | 'answer'>('question', 'answer'),
        (qs, as, [from, to], field) => {
          const items = qs.map((q, i) => ({ questionId: q, answer: as[i] ?? '' }));
          const src = items[from]!;
          const dst = items[to]!;
          if (field === 'question') dst.questionId = src.questionId;
          else dst.answer = ` ${src.answer} `;
          const r = validateSecurityQuestions(items);
          assert.equal(r.ok, false);
          if (!r.ok) {
            assert.deepEqual(r.errors, [
              {
                index: to,
                field,
                code: field === 'question' ? 'questions.duplicate_question' : 'questions.duplicate_answer',
              },
            ]);
          }
        },
      ),
    );
  });
});
