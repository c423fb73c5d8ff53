import { z } from 'zod';
import { h, Fragment } from '../../../web/jsx.js';
import { SelectField, TextField, errorFor } from '../../../web/components/form.js';
import { OCCUPATIONS } from '../../../domain/occupations.js';
import { validateLandline, formatLandline } from '../../../domain/landline.js';
import { Errors, cleanText, type SejamForm } from './define.js';

const input = z.object({
  occupation: z.string().max(40).describe('Occupation code from the shipped list'),
  employer: z.string().max(200).optional().describe('Employer or business name (not needed without work)'),
  position: z.string().max(100).optional().describe('Position'),
  work_address: z.string().max(400).optional().describe('Work address'),
  work_phone: z.string().max(20).optional().describe('Work landline with area code'),
});

/** Occupations without an employer to name (the rest of the form is then optional). */
const NO_WORKPLACE = new Set(['student', 'pupil', 'homemaker', 'retired', 'unemployed']);

export const jobForm: SejamForm<'job', typeof input.shape> = {
  section: 'job',
  stage: 'اطلاعات شغلی',
  title: 'اطلاعات شغلی',
  input,
  parse(i) {
    const e = new Errors();
    const occupation = i.occupation ?? '';
    if (!OCCUPATIONS.has(occupation)) e.add('occupation', 'form.choose', { field: 'شغل' });
    const employer = cleanText(i.employer ?? '').trim();
    const position = cleanText(i.position ?? '').trim();
    const workAddress = cleanText(i.work_address ?? '').trim();
    const needsWorkplace = OCCUPATIONS.has(occupation) && !NO_WORKPLACE.has(occupation);
    if (needsWorkplace && !employer) e.add('employer', 'form.required', { field: 'نام محل کار' });
    for (const [name, value, max, label] of [
      ['employer', employer, 120, 'نام محل کار'],
      ['position', position, 60, 'سمت'],
      ['work_address', workAddress, 300, 'نشانی محل کار'],
    ] as const) {
      if (value.length > max) e.add(name, 'form.too_long', { field: label });
    }
    const phone = (i.work_phone ?? '').trim() ? validateLandline(i.work_phone ?? '') : null;
    if (phone && !phone.ok) e.add('work_phone', phone.error);
    if (e.any) return { ok: false, errors: e.list };
    return {
      ok: true,
      value: { occupation, employer, position, workAddress, workPhone: phone?.ok ? phone.value : '' },
    };
  },
  values: (j) => ({
    occupation: j.occupation,
    employer: j.employer,
    position: j.position,
    work_address: j.workAddress,
    work_phone: j.workPhone,
  }),
  body: (v) => (
    <Fragment>
      <SelectField
        name="occupation"
        label="شغل"
        required
        value={v.values.occupation}
        error={errorFor(v.errors, 'occupation')}
        options={OCCUPATIONS.items.map((o) => ({ value: o.code, label: o.label }))}
      />
      <p class="hint">برای دانشجو، دانش‌آموز، خانه‌دار، بازنشسته و بیکار بخش‌های زیر اختیاری است.</p>
      <TextField
        name="employer"
        label="نام محل کار"
        maxlength={120}
        value={v.values.employer}
        error={errorFor(v.errors, 'employer')}
      />
      <TextField
        name="position"
        label="سمت"
        maxlength={60}
        value={v.values.position}
        error={errorFor(v.errors, 'position')}
      />
      <TextField
        name="work_address"
        label="نشانی محل کار"
        maxlength={300}
        value={v.values.work_address}
        error={errorFor(v.errors, 'work_address')}
      />
      <TextField
        name="work_phone"
        label="تلفن محل کار با کد شهر"
        type="tel"
        ltr
        inputmode="tel"
        maxlength={16}
        value={v.values.work_phone}
        error={errorFor(v.errors, 'work_phone')}
        extra={{ 'data-digits': true }}
      />
    </Fragment>
  ),
  summary: (j) => [
    { label: 'شغل', value: OCCUPATIONS.label(j.occupation) },
    { label: 'نام محل کار', value: j.employer || '—' },
    { label: 'سمت', value: j.position || '—' },
    { label: 'نشانی محل کار', value: j.workAddress || '—' },
    { label: 'تلفن محل کار', value: j.workPhone ? formatLandline(j.workPhone) : '—', ltr: Boolean(j.workPhone) },
  ],
};
