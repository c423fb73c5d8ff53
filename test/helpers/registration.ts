import assert from 'node:assert/strict';
import type { TestApp } from './app.js';
import { FormClient, lastCode, type Page } from './browser.js';

export interface Person {
  nationalCode: string;
  mobile: string;
  firstName: string;
  lastName: string;
  fatherName: string;
  shenasnamehNumber: string;
  birth: [string, string, string];
  gender: 'male' | 'female';
}

export const ALI: Person = {
  nationalCode: '0084575948',
  mobile: '09121234567',
  firstName: 'علی',
  lastName: 'رضایی',
  fatherName: 'حسین',
  shenasnamehNumber: '1523',
  birth: ['1370', '1', '15'],
  gender: 'male',
};

/** سارا نوری: born after the national-code era (shenasnameh number = national code). */
export const SARA: Person = {
  nationalCode: '4483057162',
  mobile: '09359871234',
  firstName: 'سارا',
  lastName: 'نوری',
  fatherName: 'کامبیز',
  shenasnamehNumber: '4483057162',
  birth: ['1384', '7', '7'],
  gender: 'female',
};

/** امیرحسین کاظمی: shenasnameh number = national code. */
export const AMIR: Person = {
  nationalCode: '1364920751',
  mobile: '09129876543',
  firstName: 'امیرحسین',
  lastName: 'کاظمی',
  fatherName: 'مهدی',
  shenasnamehNumber: '1364920751',
  birth: ['1382', '2', '18'],
  gender: 'male',
};

/** The birth-certificate step's form, filled for a person. */
export const birthFields = (p: Person): Record<string, string> => ({
  firstName: p.firstName,
  lastName: p.lastName,
  fatherName: p.fatherName,
  shenasnamehNumber: p.shenasnamehNumber,
  birthDate_y: p.birth[0],
  birthDate_m: p.birth[1],
  birthDate_d: p.birth[2],
  gender: p.gender,
});

export const PASSWORD = 'Hoviyat2024!';

export const QUESTIONS = {
  question1: 'favourite_color',
  answer1: 'آبی',
  question2: 'birth_city',
  answer2: 'تهران',
  question3: 'first_workplace',
  answer3: 'کارخانه',
};

/** Walks the registration pages up to (not including) the final confirmation. */
export async function fillRegistration(
  t: TestApp,
  p: Person,
  client = new FormClient(t.app),
): Promise<{ c: FormClient; page: Page }> {
  const c = client;
  await c.get('/registration');
  await c.submit({ personKind: 'iranian' });
  let page = await c.submit({ nationalCode: p.nationalCode, mobile: p.mobile, captcha: '12345' });
  assert.match(
    page.url,
    /verify_mobile/,
    `identity step failed: ${page.html.slice(page.html.indexOf('error-summary'), page.html.indexOf('error-summary') + 600)}`,
  );
  page = await c.submit({ code: await lastCode(t, p.mobile) });
  page = await c.submit(birthFields(p));
  assert.match(page.url, /\/email\?/);
  page = await c.submit({ email: '' });
  page = await c.submit({ password: PASSWORD, passwordRepeat: PASSWORD, ...QUESTIONS });
  assert.match(page.url, /\/review\?/);
  return { c, page };
}

export async function registerFully(t: TestApp, p: Person): Promise<{ c: FormClient; page: Page }> {
  const { c } = await fillRegistration(t, p);
  const page = await c.submit({});
  assert.match(page.url, /\/submitted\?/);
  return { c, page };
}

export async function requestStatus(t: TestApp, nationalCode: string) {
  return t.services.db
    .selectFrom('registration_requests')
    .select(['status', 'outcome'])
    .where('national_code', '=', nationalCode)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
}

/** A registration over the JSON API: the first call's flow token goes with every later one. */
export async function registrationApi(t: TestApp, personKind: 'iranian' | 'foreign', ip = '203.0.113.10') {
  const call = async (method: 'GET' | 'POST', url: string, payload?: object, headers: Record<string, string> = {}) => {
    const res = await t.app.inject({ method, url, headers, remoteAddress: ip, ...(payload ? { payload } : {}) });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return { status: res.statusCode, body: (res.body ? res.json() : null) as any };
  };
  const started = await call('POST', '/api/v1/registration', { personKind });
  assert.equal(started.status, 201, JSON.stringify(started.body));
  const id = started.body.flow.id as string;
  const token = started.body.flowToken as string;
  const flow = { 'x-flow-token': token };
  return {
    id,
    token,
    step: (name: string, payload: object = {}) => call('POST', `/api/v1/registration/${id}/${name}`, payload, flow),
    read: () => call('GET', `/api/v1/registration/${id}`, undefined, flow),
    /** An image captcha's id and (the simulator's) answer. */
    captcha: async () => ({ captcha_id: (await call('POST', '/api/v1/captcha')).body.id as string, captcha: '12345' }),
  };
}
