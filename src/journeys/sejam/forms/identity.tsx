import { z } from 'zod';
import { h, Fragment } from '../../../web/jsx.js';
import { JalaliDateField, Notice, RadioGroup, TextField, errorFor } from '../../../web/components/form.js';
import { validatePersonName, validateShenasnamehNumber } from '../../../domain/names.js';
import { birthDateFromParts, formatJalali, isoToJalali } from '../../../domain/jalali.js';
import { ui } from '../../../phrases/ui.js';
import type { Section } from '../../../sejam/sections.js';
import type { CivilRecord } from '../../../registries/civil-registry/port.js';
import { civilRecordOf, confirmsRecord, recordAsIdentity, type CivilRecordRow } from '../../../sejam/civil-record.js';
import { Errors, cleanText, type SejamForm } from './define.js';

const input = z.object({
  first_name: z.string().max(100).describe('First name as on the birth certificate'),
  last_name: z.string().max(100).describe('Last name'),
  father_name: z.string().max(100).describe("Father's name"),
  birth_date_y: z.string().max(6).describe('Jalali birth year, e.g. 1370'),
  birth_date_m: z.string().max(4).describe('Jalali birth month, 1–12'),
  birth_date_d: z.string().max(4).describe('Jalali birth day'),
  birth_place: z.string().max(100).describe('Place of birth (issue place of the birth certificate)'),
  shenasnameh_number: z.string().max(20).describe('Birth-certificate number (the national code for the newer ones)'),
  shenasnameh_serial: z.string().max(30).optional().describe('Birth-certificate serial (optional), e.g. 12ب345678'),
  gender: z.string().max(10).describe('male or female'),
});

const NAMES = [
  ['first_name', 'firstName', 'نام'],
  ['last_name', 'lastName', 'نام خانوادگی'],
  ['father_name', 'fatherName', 'نام پدر'],
] as const;

export const identityForm: SejamForm<'identity', typeof input.shape> = {
  section: 'identity',
  stage: 'اطلاعات هویتی',
  title: 'اطلاعات هویتی',
  input,
  async context(db, profile) {
    const civil = await civilRecordOf(db, profile.id);
    const record = civil?.status === 'found' ? civil.record : null;
    return {
      facts: { civil: civil?.status ?? null },
      suggested: record ? identityValues(recordAsIdentity(record)) : null,
      internal: record,
    };
  },
  parse(i, profile, now, context) {
    const e = new Errors();
    const names: string[] = [];
    for (const [name, , label] of NAMES) {
      const r = validatePersonName(i[name] ?? '');
      if (!r.ok) e.add(name, r.error, { field: label });
      names.push(r.ok ? r.value : '');
    }
    const birth = birthDateFromParts(
      { y: i.birth_date_y ?? '', m: i.birth_date_m ?? '', d: i.birth_date_d ?? '' },
      now,
    );
    if (!birth.ok) e.add('birth_date', birth.error);
    const place = cleanText(i.birth_place ?? '').trim();
    if (!place) e.add('birth_place', 'form.required', { field: 'محل تولد' });
    else if (place.length > 60) e.add('birth_place', 'form.too_long', { field: 'محل تولد' });
    const shen = validateShenasnamehNumber(i.shenasnameh_number ?? '', profile.identifier);
    if (!shen.ok) e.add('shenasnameh_number', shen.error);
    const serial = cleanText(i.shenasnameh_serial ?? '').replace(/\s+/g, '');
    if (serial.length > 20) e.add('shenasnameh_serial', 'form.too_long', { field: 'سری و سریال شناسنامه' });
    const gender = i.gender;
    if (gender !== 'male' && gender !== 'female') e.add('gender', 'gender.required');
    if (e.any || !birth.ok || !shen.ok || (gender !== 'male' && gender !== 'female'))
      return { ok: false, errors: e.list };
    const value: Omit<Section<'identity'>, 'fromRegistry'> = {
      firstName: names[0]!,
      lastName: names[1]!,
      fatherName: names[2]!,
      birthDate: birth.iso,
      birthPlace: place,
      shenasnamehNumber: shen.value,
      shenasnamehSerial: serial,
      gender,
    };
    // said by us, never by the form: the person confirmed the registry's record unchanged
    const record = (context?.internal ?? null) as CivilRecord | null;
    return { ok: true, value: { ...value, fromRegistry: record !== null && confirmsRecord(value, record) } };
  },
  values: (s) => identityValues(s),
  body: (v) => (
    <Fragment>
      <CivilRecordNotice status={(v.extra.civil ?? null) as CivilRecordRow['status'] | null} />
      {NAMES.map(([name, , label]) => (
        <TextField
          name={name}
          label={label}
          required
          maxlength={60}
          value={v.values[name]}
          error={errorFor(v.errors, name)}
        />
      ))}
      <JalaliDateField
        name="birth_date"
        legend={ui.birthDate}
        value={{ y: v.values.birth_date_y, m: v.values.birth_date_m, d: v.values.birth_date_d }}
        error={errorFor(v.errors, 'birth_date')}
      />
      <TextField
        name="birth_place"
        label="محل تولد"
        required
        maxlength={60}
        value={v.values.birth_place}
        error={errorFor(v.errors, 'birth_place')}
      />
      <TextField
        name="shenasnameh_number"
        label="شماره شناسنامه"
        hint="اگر شماره شناسنامه شما همان کد ملی است، کد ملی را وارد کنید."
        ltr
        inputmode="numeric"
        maxlength={12}
        required
        value={v.values.shenasnameh_number}
        error={errorFor(v.errors, 'shenasnameh_number')}
        extra={{ 'data-digits': true }}
      />
      <TextField
        name="shenasnameh_serial"
        label="سری و سریال شناسنامه (اختیاری)"
        hint="مانند ۱۲ب۳۴۵۶۷۸"
        ltr
        maxlength={20}
        value={v.values.shenasnameh_serial}
        error={errorFor(v.errors, 'shenasnameh_serial')}
      />
      <RadioGroup
        name="gender"
        legend={ui.gender}
        required
        value={v.values.gender}
        error={errorFor(v.errors, 'gender')}
        options={[
          { value: 'male', label: 'مرد' },
          { value: 'female', label: 'زن' },
        ]}
      />
    </Fragment>
  ),
  summary: (s) => [
    { label: 'نام و نام خانوادگی', value: `${s.firstName} ${s.lastName}` },
    { label: 'نام پدر', value: s.fatherName },
    { label: 'تاریخ تولد', value: formatJalali(s.birthDate) },
    { label: 'محل تولد', value: s.birthPlace },
    { label: 'شماره شناسنامه', value: s.shenasnamehNumber, ltr: true },
    { label: 'سری و سریال شناسنامه', value: s.shenasnamehSerial || '—', ltr: !!s.shenasnamehSerial },
    { label: 'جنسیت', value: s.gender === 'male' ? 'مرد' : 'زن' },
  ],
};

/** Where the values before the person came from, and what they should do with them. */
function CivilRecordNotice({ status }: { status: CivilRecordRow['status'] | null }) {
  if (status === 'found') {
    return (
      <Notice kind="info">
        <p>
          این اطلاعات از پایگاه ثبت احوال خوانده شد. آن را با شناسنامه خود مقایسه کنید؛ اگر درست است تایید کنید و اگر
          جایی با شناسنامه فرق دارد، آن را درست کنید.
        </p>
      </Notice>
    );
  }
  if (status === 'pending') {
    return (
      <Notice kind="info">
        <p>
          اطلاعات شناسنامه شما هنوز از ثبت احوال نرسیده است. چند لحظه دیگر <a href="">این صفحه را دوباره باز کنید</a> تا
          فرم پر شده نمایش داده شود، یا خودتان اطلاعات را مانند شناسنامه وارد کنید.
        </p>
      </Notice>
    );
  }
  return (
    <Notice kind="info">
      <p>
        {status === null ? '' : 'ثبت احوال اکنون اطلاعاتی برای پر کردن این فرم نداد. '}
        اطلاعات را دقیقاً مانند شناسنامه خود وارد کنید؛ در مرحله استعلام با پایگاه ثبت احوال مقایسه می‌شود.
      </p>
    </Notice>
  );
}

/** A stored (or registry-given) identity as the form's strings. */
export function identityValues(s: Omit<Section<'identity'>, 'fromRegistry'>): Record<string, string> {
  const j = isoToJalali(s.birthDate);
  return {
    first_name: s.firstName,
    last_name: s.lastName,
    father_name: s.fatherName,
    birth_date_y: String(j.jy),
    birth_date_m: String(j.jm),
    birth_date_d: String(j.jd),
    birth_place: s.birthPlace,
    shenasnameh_number: s.shenasnamehNumber,
    shenasnameh_serial: s.shenasnamehSerial,
    gender: s.gender,
  };
}
