import type { TestApp } from './app.js';
import { normalizeAnswer } from '../../src/domain/security-questions.js';

export interface TestAccount {
  id: string;
  nationalCode: string;
  mobile: string | null;
  password: string;
}

/** Puts an account straight into the database (as a finished registration or a staff member would). */
export async function createAccount(
  t: TestApp,
  p: {
    nationalCode: string;
    mobile?: string | null;
    password?: string;
    questions?: { questionId: string; answer: string }[] | null;
    status?: 'active' | 'pending_branch_visit' | 'disabled';
    passwordExpired?: boolean;
    personKind?: 'iranian' | 'foreign';
    firstName?: string;
    lastName?: string;
  },
): Promise<TestAccount> {
  const password = p.password ?? 'Hoviyat2024!';
  const now = t.clock.now();
  const row = await t.services.db
    .insertInto('accounts')
    .values({
      national_code: p.nationalCode,
      person_kind: p.personKind ?? 'iranian',
      status: p.status ?? 'active',
      mobile: p.mobile === undefined ? '09121234567' : p.mobile,
      email: null,
      first_name: p.firstName ?? 'علی',
      last_name: p.lastName ?? 'رضایی',
      father_name: 'حسین',
      shenasnameh_number: '1523',
      birth_date: '1991-04-04',
      gender: 'male',
      password_hash: await t.services.hasher.hash(password),
      password_expired: p.passwordExpired ?? false,
      password_changed_at: now,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const questions =
    p.questions === undefined
      ? [
          { questionId: 'favourite_color', answer: 'آبی' },
          { questionId: 'birth_city', answer: 'تهران' },
          { questionId: 'first_workplace', answer: 'کارخانه' },
        ]
      : p.questions;
  if (questions && questions.length) {
    await t.services.db
      .insertInto('security_answers')
      .values(
        await Promise.all(
          questions.map(async (q, i) => ({
            account_id: row.id,
            position: i + 1,
            question_id: q.questionId,
            answer_hash: await t.services.hasher.hash(normalizeAnswer(q.answer)),
          })),
        ),
      )
      .execute();
  }
  return {
    id: row.id,
    nationalCode: p.nationalCode,
    mobile: p.mobile === undefined ? '09121234567' : p.mobile,
    password,
  };
}
