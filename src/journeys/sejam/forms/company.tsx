import { z } from 'zod';
import { h, Fragment } from '../../../web/jsx.js';
import { JalaliDateField, SelectField, TextField, errorFor } from '../../../web/components/form.js';
import { birthDateFromParts, formatJalali, isoToJalali } from '../../../domain/jalali.js';
import { normalizeDigits, stripSeparators } from '../../../domain/digits.js';
import { COMPANY_TYPES } from '../../../domain/occupations.js';
import { Errors, cleanText, type SejamForm } from './define.js';

const input = z.object({
  name: z.string().max(200).describe('Registered company name'),
  registration_number: z.string().max(20).describe('Registration number (شماره ثبت)'),
  registration_date_y: z.string().max(6).describe('Jalali registration year'),
  registration_date_m: z.string().max(4).describe('Jalali registration month'),
  registration_date_d: z.string().max(4).describe('Jalali registration day'),
  registration_place: z.string().max(100).describe('Place of registration'),
  company_type: z.string().max(40).describe('Company type code from the shipped list'),
});

export const companyForm: SejamForm<'company', typeof input.shape> = {
  section: 'company',
  stage: 'اطلاعات شخص حقوقی',
  title: 'اطلاعات شخص حقوقی',
  input,
  parse(i, _profile, now) {
    const e = new Errors();
    const name = cleanText(i.name ?? '').trim();
    if (!name) e.add('name', 'form.required', { field: 'نام شخص حقوقی' });
    else if (name.length > 120) e.add('name', 'form.too_long', { field: 'نام شخص حقوقی' });
    const number = stripSeparators(normalizeDigits(i.registration_number ?? ''));
    if (!number) e.add('registration_number', 'form.required', { field: 'شماره ثبت' });
    else if (!/^\d{1,12}$/.test(number)) e.add('registration_number', 'request.invalid');
    const date = birthDateFromParts(
      { y: i.registration_date_y ?? '', m: i.registration_date_m ?? '', d: i.registration_date_d ?? '' },
      now,
    );
    // the date messages speak of a birth date: this one is the company's registration
    if (!date.ok && date.error === 'date.required') e.add('registration_date', 'form.required', { field: 'تاریخ ثبت' });
    else if (!date.ok)
      e.add('registration_date', date.error === 'date.in_future' ? 'sejam.registration_date_in_future' : date.error);
    const place = cleanText(i.registration_place ?? '').trim();
    if (!place) e.add('registration_place', 'form.required', { field: 'محل ثبت' });
    else if (place.length > 60) e.add('registration_place', 'form.too_long', { field: 'محل ثبت' });
    const type = i.company_type ?? '';
    if (!COMPANY_TYPES.has(type)) e.add('company_type', 'form.choose', { field: 'نوع شخص حقوقی' });
    if (e.any || !date.ok) return { ok: false, errors: e.list };
    return {
      ok: true,
      value: {
        name,
        registrationNumber: number,
        registrationDate: date.iso,
        registrationPlace: place,
        companyType: type,
      },
    };
  },
  values: (c) => {
    const j = isoToJalali(c.registrationDate);
    return {
      name: c.name,
      registration_number: c.registrationNumber,
      registration_date_y: String(j.jy),
      registration_date_m: String(j.jm),
      registration_date_d: String(j.jd),
      registration_place: c.registrationPlace,
      company_type: c.companyType,
    };
  },
  body: (v) => (
    <Fragment>
      <TextField
        name="name"
        label="نام شخص حقوقی"
        required
        maxlength={120}
        value={v.values.name}
        error={errorFor(v.errors, 'name')}
      />
      <SelectField
        name="company_type"
        label="نوع شخص حقوقی"
        required
        value={v.values.company_type}
        error={errorFor(v.errors, 'company_type')}
        options={COMPANY_TYPES.items.map((t) => ({ value: t.code, label: t.label }))}
      />
      <TextField
        name="registration_number"
        label="شماره ثبت"
        ltr
        inputmode="numeric"
        maxlength={14}
        required
        value={v.values.registration_number}
        error={errorFor(v.errors, 'registration_number')}
        extra={{ 'data-digits': true }}
      />
      <JalaliDateField
        name="registration_date"
        legend="تاریخ ثبت"
        value={{ y: v.values.registration_date_y, m: v.values.registration_date_m, d: v.values.registration_date_d }}
        error={errorFor(v.errors, 'registration_date')}
      />
      <TextField
        name="registration_place"
        label="محل ثبت"
        required
        maxlength={60}
        value={v.values.registration_place}
        error={errorFor(v.errors, 'registration_place')}
      />
    </Fragment>
  ),
  summary: (c) => [
    { label: 'نام شخص حقوقی', value: c.name },
    { label: 'نوع', value: COMPANY_TYPES.label(c.companyType) },
    { label: 'شماره ثبت', value: c.registrationNumber, ltr: true },
    { label: 'تاریخ ثبت', value: formatJalali(c.registrationDate) },
    { label: 'محل ثبت', value: c.registrationPlace },
  ],
};
