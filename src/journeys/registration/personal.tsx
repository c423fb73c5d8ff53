/** Steps 3 and 4: the birth-certificate (for foreign nationals, identity) data, and the email. */
import { z } from 'zod';
import { h, Fragment } from '../../web/jsx.js';
import { JalaliDateField, RadioGroup, TextField, errorFor } from '../../web/components/form.js';
import { ui } from '../../phrases/ui.js';
import type { FieldError } from '../../errors/catalogue.js';
import { fieldError } from '../../flows/outcome.js';
import { normalizeDigits } from '../../domain/digits.js';
import { validatePersonName, validateShenasnamehNumber } from '../../domain/names.js';
import { jalaliFromParts, validateBirthDate } from '../../domain/jalali.js';
import { validateEmail } from '../../domain/email.js';
import { defineStep } from '../engine/types.js';
import { birthWords, isForeign, later, resumeStep, resumes, type RegistrationData } from './data.js';
import { RegistrationNotice } from './notice.js';

const text = (max: number) => z.string().max(max);
const NAMES = ['firstName', 'lastName', 'fatherName'] as const;

type Birth = NonNullable<RegistrationData['birth']>;

/** The birth data typed, checked field by field (each message names its field). */
function checkBirth(
  data: RegistrationData,
  input: Record<string, string>,
  now: Date,
): { ok: true; birth: Birth } | { ok: false; errors: FieldError[] } {
  const nationalCode = data.identity?.nationalCode ?? '';
  const errors: FieldError[] = [];
  const names = NAMES.map((k) => {
    const r = validatePersonName(input[k]!);
    // the message names the field: three empty names are three different lines in the summary
    if (!r.ok) errors.push(fieldError(k, r.error, { field: ui[k] }));
    return r.ok ? r.value : '';
  });
  // foreign nationals have no shenasnameh: their FIDA code stands in its place
  const shen =
    data.personKind === 'foreign'
      ? ({ ok: true, value: nationalCode } as const)
      : validateShenasnamehNumber(input.shenasnamehNumber!, nationalCode);
  if (!shen.ok) errors.push(fieldError('shenasnamehNumber', shen.error));
  const parts = {
    y: normalizeDigits(input.birthDate_y!).trim(),
    m: input.birthDate_m!.trim(),
    d: normalizeDigits(input.birthDate_d!).trim(),
  };
  let birthIso = '';
  if (!parts.y && !parts.m && !parts.d) {
    errors.push(fieldError('birthDate', 'date.required'));
  } else {
    const parsed = jalaliFromParts(parts.y, parts.m, parts.d);
    if (!parsed.ok) errors.push(fieldError('birthDate', parsed.error));
    else {
      const b = validateBirthDate(`${parsed.jy}/${parsed.jm}/${parsed.jd}`, now);
      if (!b.ok) errors.push(fieldError('birthDate', b.error));
      else birthIso = b.iso;
    }
  }
  const gender = input.gender;
  if (gender !== 'male' && gender !== 'female') errors.push(fieldError('gender', 'gender.required'));
  if (errors.length || !shen.ok) return { ok: false, errors };
  return {
    ok: true,
    birth: {
      firstName: names[0]!,
      lastName: names[1]!,
      fatherName: names[2]!,
      shenasnamehNumber: shen.value,
      birthDate: parts,
      birthDateIso: birthIso,
      gender: gender as Birth['gender'],
    },
  };
}

export const birthCertificate = defineStep<
  RegistrationData,
  {
    firstName: z.ZodString;
    lastName: z.ZodString;
    fatherName: z.ZodString;
    shenasnamehNumber: z.ZodOptional<z.ZodString>;
    birthDate_y: z.ZodString;
    birthDate_m: z.ZodString;
    birthDate_d: z.ZodString;
    gender: z.ZodString;
  },
  undefined
>({
  key: 'birth_certificate',
  stage: birthWords,
  title: birthWords,
  input: z.object({
    firstName: text(200),
    lastName: text(200),
    fatherName: text(200),
    shenasnamehNumber: text(20).optional().describe('Not asked of foreign nationals'),
    birthDate_y: text(10).describe('Jalali year, e.g. 1370'),
    birthDate_m: text(10).describe('Jalali month 1-12'),
    birthDate_d: text(10).describe('Jalali day'),
    gender: text(10).describe('male or female'),
  }),
  next: resumes('email'),
  // the code page is not a place to go back to: back from here is the identity form
  back: { to: 'identity' },
  prefill(flow): Record<string, string> {
    const b = flow.data.birth;
    if (!b) return {};
    return {
      firstName: b.firstName,
      lastName: b.lastName,
      fatherName: b.fatherName,
      shenasnamehNumber: b.shenasnamehNumber,
      birthDate_y: b.birthDate.y,
      birthDate_m: b.birthDate.m,
      birthDate_d: b.birthDate.d,
      gender: b.gender,
    };
  },
  async commit(ctx, flow, input) {
    const data = flow!.data;
    const checked = checkBirth(data, input, ctx.s.clock.now());
    if (!checked.ok) return checked;
    const next: RegistrationData = { ...data, birth: checked.birth, reached: later(data.reached, 'email') };
    return { ok: true, state: resumeStep(next, 'email'), data: next };
  },
  body: (v) => {
    const e = (name: string) => errorFor(v.errors, name);
    const val = (name: string) => v.values[name];
    const foreign = isForeign(v.flow);
    return (
      <Fragment>
        <RegistrationNotice>
          <li>
            {foreign
              ? 'اطلاعات را دقیقا مطابق مدرک شناسایی اتباع خارجی (همان مدرکی که کد فیدا بر آن است) وارد کنید؛ با اطلاعات ثبت‌شده شما سنجیده می‌شود.'
              : 'اطلاعات را دقیقا مطابق شناسنامه وارد کنید؛ با پایگاه ثبت احوال سنجیده می‌شود.'}
          </li>
        </RegistrationNotice>
        {NAMES.map((k) => (
          <TextField name={k} label={ui[k]} value={val(k)} error={e(k)} required maxlength={60} />
        ))}
        {foreign ? null : (
          <TextField
            name="shenasnamehNumber"
            label={ui.shenasnameh}
            hint="اگر شماره شناسنامه شما با کد ملی یکی است، همان کد ملی را وارد کنید (نه صفر)."
            value={val('shenasnamehNumber')}
            error={e('shenasnamehNumber')}
            ltr
            inputmode="numeric"
            maxlength={12}
            required
            extra={{ 'data-digits': true }}
          />
        )}
        <JalaliDateField
          name="birthDate"
          legend={ui.birthDate}
          hint="به تاریخ خورشیدی، مانند ۱۵ فروردین ۱۳۷۰"
          value={{ y: val('birthDate_y'), m: val('birthDate_m'), d: val('birthDate_d') }}
          error={e('birthDate')}
        />
        <RadioGroup
          name="gender"
          legend={ui.gender}
          required
          value={val('gender')}
          error={e('gender')}
          options={[
            { value: 'male', label: ui.male },
            { value: 'female', label: ui.female },
          ]}
        />
      </Fragment>
    );
  },
});

export const email = defineStep<RegistrationData, { email: z.ZodOptional<z.ZodString> }, undefined>({
  key: 'email',
  stage: 'ایمیل',
  title: 'ایمیل',
  input: z.object({ email: text(254).optional().describe('Optional; empty for none') }),
  next: resumes('password'),
  back: { to: 'birth_certificate' },
  prefill: (flow): Record<string, string> => (flow.data.email?.email ? { email: flow.data.email.email } : {}),
  async commit(_ctx, flow, input) {
    const data = flow!.data;
    const raw = input.email.trim();
    let address: string | null = null;
    if (raw) {
      const r = validateEmail(raw);
      if (!r.ok) return { ok: false, errors: [fieldError('email', r.error)] };
      address = r.value;
    }
    const next: RegistrationData = { ...data, email: { email: address }, reached: later(data.reached, 'password') };
    return { ok: true, state: resumeStep(next, 'password'), data: next };
  },
  body: (v) => (
    <Fragment>
      <RegistrationNotice>
        <li>اگر در مکان عمومی (مانند کافی‌نت) ثبت نام می‌کنید و خانه‌ها از پیش پر شده‌اند، ثبت نام را ادامه ندهید.</li>
      </RegistrationNotice>
      <TextField
        name="email"
        label={ui.email}
        hint="اختیاری. اگر وارد می‌کنید، با دقت بنویسید: ایمیل یکی از راه‌های ارتباط سازمان با شماست."
        type="email"
        value={v.values.email}
        error={errorFor(v.errors, 'email')}
        ltr
        inputmode="email"
        maxlength={254}
      />
    </Fragment>
  ),
});
