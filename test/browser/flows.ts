/**
 * Demo people (sim/people.json) and the form steps the browser journeys share. Fields are found
 * by their Persian labels and buttons by role and name, as a person (or a screen reader) would.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { hasJavaScript, pathOf, submitWith } from './harness.js';

export interface DemoPerson {
  nationalCode: string;
  mobile: string;
  firstName: string;
  lastName: string;
  fatherName: string;
  shenasnamehNumber: string;
  /** Jalali; month as the <select> value (1–12). */
  birth: { y: string; m: string; d: string };
  gender: 'male' | 'female';
}

/** علی رضایی: the ordinary case (alive, automatic activation, nothing magic). */
export const ALI: DemoPerson = {
  nationalCode: '0084575948',
  mobile: '09121234567',
  firstName: 'علی',
  lastName: 'رضایی',
  fatherName: 'حسین',
  shenasnamehNumber: '1523',
  birth: { y: '1370', m: '1', d: '15' },
  gender: 'male',
};

/** سارا نوری: female, born after the national-code era (shenasnameh number = national code). */
export const SARA: DemoPerson = {
  nationalCode: '4483057162',
  mobile: '09359871234',
  firstName: 'سارا',
  lastName: 'نوری',
  fatherName: 'کامبیز',
  shenasnamehNumber: '4483057162',
  birth: { y: '1384', m: '7', d: '7' },
  gender: 'female',
};

export const QUESTIONS = [
  { id: 'favourite_color', text: 'رنگ مورد علاقه‌ی شما چیست؟', answer: 'آبی' },
  { id: 'birth_city', text: 'در چه شهری به دنیا آمده‌اید؟', answer: 'تهران' },
  { id: 'first_workplace', text: 'نام نخستین محل کار شما چه بود؟', answer: 'کارخانه' },
];

const FA = '۰۱۲۳۴۵۶۷۸۹';
export const fa = (s: string) => s.replace(/[0-9]/g, (d) => FA[Number(d)]!);

export function expectPath(page: Page, re: RegExp): void {
  assert.match(pathOf(page), re, `unexpected page ${page.url()}`);
}

/**
 * The captcha, as a person meets it: with JavaScript the automatic check replaces the image and
 * nothing is typed (this waits for «بررسی شد»); without it, the simulator's image says 12345.
 */
export async function passCaptcha(page: Page): Promise<void> {
  if (!hasJavaScript(page)) {
    await page.getByLabel('کد امنیتی').fill('12345');
    return;
  }
  const auto = page.locator('[data-altcha]');
  await auto.locator('[data-altcha-status]', { hasText: 'بررسی شد' }).waitFor();
  assert.equal(await auto.isVisible(), true, 'the automatic check is shown');
  assert.equal(await page.getByLabel('کد امنیتی').isVisible(), false, 'in place of the image field');
}

/** Home → «ثبت نام» → «ثبت نام اشخاص حقیقی» is done by the caller; this fills the identity step. */
export async function fillIdentity(page: Page, p: { nationalCode: string; mobile: string }): Promise<void> {
  await page.getByLabel('کد ملی').fill(p.nationalCode);
  await page.getByLabel('شماره تلفن همراه').fill(p.mobile);
  await passCaptcha(page);
}

const labels = {
  firstName: 'نام',
  lastName: 'نام خانوادگی',
  fatherName: 'نام پدر',
  shenasnameh: 'شماره شناسنامه',
  day: 'روز',
  month: 'ماه',
  year: 'سال',
};
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/**
 * The control whose label is exactly `label`. Required fields' labels end in « *» inside an
 * aria-hidden span, which Playwright's label text includes, so that mark is allowed.
 */
export const field = (page: Page, label: string) =>
  page.getByLabel(new RegExp(`^\\s*${escapeRe(label)}(\\s*\\*)?\\s*$`));
const genderLabel = (g: 'male' | 'female') => (g === 'male' ? 'مرد' : 'زن');

export async function fillBirthCertificate(
  page: Page,
  p: DemoPerson,
  opts: { persianDigits?: boolean } = {},
): Promise<void> {
  const digits = opts.persianDigits ? fa : (s: string) => s;
  await field(page, labels.firstName).fill(p.firstName);
  await field(page, labels.lastName).fill(p.lastName);
  await field(page, labels.fatherName).fill(p.fatherName);
  await field(page, labels.shenasnameh).fill(digits(p.shenasnamehNumber));
  await field(page, labels.day).fill(digits(p.birth.d));
  await field(page, labels.month).selectOption(p.birth.m);
  await field(page, labels.year).fill(digits(p.birth.y));
  await page.getByRole('radio', { name: genderLabel(p.gender), exact: true }).check();
}

/** The birth-certificate form still holds the person's data (e.g. after «مرحله قبل»). */
export async function expectBirthCertificate(page: Page, p: DemoPerson): Promise<void> {
  const ascii = (s: string) => s.replace(/[۰-۹]/g, (d) => String(FA.indexOf(d)));
  assert.equal(await field(page, labels.firstName).inputValue(), p.firstName);
  assert.equal(await field(page, labels.lastName).inputValue(), p.lastName);
  assert.equal(await field(page, labels.fatherName).inputValue(), p.fatherName);
  assert.equal(ascii(await field(page, labels.shenasnameh).inputValue()), p.shenasnamehNumber);
  assert.equal(Number(ascii(await field(page, labels.day).inputValue())), Number(p.birth.d));
  assert.equal(await field(page, labels.month).inputValue(), p.birth.m);
  assert.equal(ascii(await field(page, labels.year).inputValue()), p.birth.y);
  assert.equal(await page.getByRole('radio', { name: genderLabel(p.gender), exact: true }).isChecked(), true);
}

export async function fillPasswords(
  page: Page,
  password: string,
  opts: { newPassword?: boolean; samt?: boolean } = {},
): Promise<void> {
  const [first, repeat] = opts.samt
    ? ['کلمه عبور جدید', 'تکرار کلمه عبور جدید']
    : opts.newPassword
      ? ['گذرواژه جدید', 'تکرار گذرواژه جدید']
      : ['گذرواژه', 'تکرار گذرواژه'];
  await field(page, first).fill(password);
  await field(page, repeat).fill(password);
}

export async function fillQuestions(page: Page): Promise<void> {
  const n = ['اول', 'دوم', 'سوم'];
  for (const [i, q] of QUESTIONS.entries()) {
    await field(page, `پرسش ${n[i]}`).selectOption(q.id);
    await field(page, `پاسخ ${n[i]}`).fill(q.answer);
  }
}

/** The review page's summary list as [label, value] pairs, in order. */
export async function summaryRows(page: Page): Promise<Array<[string, string]>> {
  const rows = page.locator('.summary-list__row');
  const out: Array<[string, string]> = [];
  for (let i = 0, n = await rows.count(); i < n; i++) {
    const row = rows.nth(i);
    out.push([(await row.locator('dt').innerText()).trim(), (await row.locator('dd').first().innerText()).trim()]);
  }
  return out;
}

/** What the review page must show for a person who typed `email` and chose QUESTIONS. */
export function expectedSummary(p: DemoPerson, email: string): Array<[string, string]> {
  const code = p.nationalCode;
  const mobile = p.mobile;
  const pad = (s: string) => s.padStart(2, '0');
  // the person's own codes in full: they typed them and check them here
  return [
    ['کد ملی', fa(code)],
    ['موبایل', fa(mobile)],
    ['نام', p.firstName],
    ['نام خانوادگی', p.lastName],
    ['نام پدر', p.fatherName],
    ['شماره شناسنامه', fa(p.shenasnamehNumber)],
    ['تاریخ تولد', fa(`${p.birth.y}/${pad(p.birth.m)}/${pad(p.birth.d)}`)],
    ['جنسیت', genderLabel(p.gender)],
    ['ایمیل', email],
    ...QUESTIONS.map((q, i): [string, string] => [`سوال امنیتی ${['اول', 'دوم', 'سوم'][i]} (${q.text})`, '••••']),
  ];
}

/** From any page: the login form, national code + password, «ورود». */
export async function logIn(page: Page, username: string, password: string): Promise<void> {
  expectPath(page, /^\/login/);
  await page.getByLabel('کد ملی').fill(username);
  await field(page, 'گذرواژه').fill(password);
  await submitWith(page, 'ورود');
}
