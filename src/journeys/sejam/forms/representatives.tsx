import { z } from 'zod';
import { h, Fragment } from '../../../web/jsx.js';
import { SelectField, TextField, errorFor } from '../../../web/components/form.js';
import { validateNationalCode } from '../../../domain/national-code.js';
import { validatePersonName } from '../../../domain/names.js';
import { REPRESENTATIVE_POSITIONS } from '../../../domain/occupations.js';
import type { Section } from '../../../sejam/sections.js';
import { CheckboxField } from '../../../web/components/fields.js';
import { Errors, type SejamForm } from './define.js';

export const REP_SLOTS = [1, 2, 3] as const;
const PARTS = ['national_code', 'first_name', 'last_name', 'position', 'signing'] as const;

const input = z.object(
  Object.fromEntries(
    REP_SLOTS.flatMap((n) =>
      PARTS.map((p) => [
        `${p}_${n}`,
        z
          .string()
          .max(100)
          .optional()
          .describe(
            `Representative ${n}: ${p.replace('_', ' ')}${p === 'signing' ? ' ("on" when they may sign)' : ''}`,
          ),
      ]),
    ),
  ) as Record<`${(typeof PARTS)[number]}_${1 | 2 | 3}`, z.ZodOptional<z.ZodString>>,
);

type Rep = Section<'representatives'>['list'][number];

export const representativesForm: SejamForm<'representatives', typeof input.shape> = {
  section: 'representatives',
  stage: 'نمایندگان',
  title: 'نمایندگان شخص حقوقی',
  input,
  parse(i, profile) {
    const e = new Errors();
    const list: Rep[] = [];
    const seen = new Set<string>();
    for (const n of REP_SLOTS) {
      const raw = Object.fromEntries(PARTS.map((p) => [p, (i[`${p}_${n}`] ?? '').trim()])) as Record<
        (typeof PARTS)[number],
        string
      >;
      if (n > 1 && !raw.national_code && !raw.first_name && !raw.last_name && !raw.position) continue;
      const nc = validateNationalCode(raw.national_code);
      if (!nc.ok) e.add(`national_code_${n}`, nc.error);
      else if (seen.has(nc.value)) e.add(`national_code_${n}`, 'sejam.representative_duplicate');
      const first = validatePersonName(raw.first_name);
      if (!first.ok) e.add(`first_name_${n}`, first.error, { field: 'نام' });
      const last = validatePersonName(raw.last_name);
      if (!last.ok) e.add(`last_name_${n}`, last.error, { field: 'نام خانوادگی' });
      if (!REPRESENTATIVE_POSITIONS.has(raw.position)) e.add(`position_${n}`, 'form.choose', { field: 'سمت' });
      if (nc.ok && first.ok && last.ok && REPRESENTATIVE_POSITIONS.has(raw.position) && !seen.has(nc.value)) {
        seen.add(nc.value);
        list.push({
          nationalCode: nc.value,
          firstName: first.value,
          lastName: last.value,
          position: raw.position,
          signingAuthority: raw.signing === 'on',
        });
      }
    }
    if (!e.any && profile.representative_code && !seen.has(profile.representative_code))
      e.add('national_code_1', 'sejam.registrant_not_listed');
    if (!e.any && !list.some((r) => r.signingAuthority)) e.add('signing_1', 'sejam.signatory_required');
    if (e.any) return { ok: false, errors: e.list };
    return { ok: true, value: { list } };
  },
  values: (r) => {
    const out: Record<string, string> = {};
    r.list.forEach((x, idx) => {
      const n = idx + 1;
      out[`national_code_${n}`] = x.nationalCode;
      out[`first_name_${n}`] = x.firstName;
      out[`last_name_${n}`] = x.lastName;
      out[`position_${n}`] = x.position;
      if (x.signingAuthority) out[`signing_${n}`] = 'on';
    });
    return out;
  },
  body: (v) => (
    <Fragment>
      <p>
        نمایندگان قانونی شخص حقوقی را وارد کنید؛ شما که ثبت نام می‌کنید باید یکی از آنان باشید. در مرحله استعلام،
        نمایندگی شما در سامانه ثبت شرکت‌ها بررسی می‌شود.
      </p>
      {REP_SLOTS.map((n) => (
        <fieldset class="field-group">
          <legend>{n === 1 ? 'نماینده اول' : `نماینده ${n === 2 ? 'دوم' : 'سوم'} (اختیاری)`}</legend>
          <TextField
            name={`national_code_${n}`}
            label="کد ملی"
            ltr
            inputmode="numeric"
            maxlength={12}
            required={n === 1}
            value={
              v.values[`national_code_${n}`] ?? (n === 1 ? (v.profile?.representative_code ?? undefined) : undefined)
            }
            error={errorFor(v.errors, `national_code_${n}`)}
            extra={{ 'data-digits': true }}
          />
          <TextField
            name={`first_name_${n}`}
            label="نام"
            maxlength={60}
            required={n === 1}
            value={v.values[`first_name_${n}`]}
            error={errorFor(v.errors, `first_name_${n}`)}
          />
          <TextField
            name={`last_name_${n}`}
            label="نام خانوادگی"
            maxlength={60}
            required={n === 1}
            value={v.values[`last_name_${n}`]}
            error={errorFor(v.errors, `last_name_${n}`)}
          />
          <SelectField
            name={`position_${n}`}
            label="سمت"
            required={n === 1}
            value={v.values[`position_${n}`]}
            error={errorFor(v.errors, `position_${n}`)}
            options={REPRESENTATIVE_POSITIONS.items.map((p) => ({ value: p.code, label: p.label }))}
          />
          <CheckboxField
            name={`signing_${n}`}
            label="حق امضا دارد"
            checked={v.values[`signing_${n}`] === 'on'}
            error={errorFor(v.errors, `signing_${n}`)}
          />
        </fieldset>
      ))}
    </Fragment>
  ),
  summary: (r) =>
    r.list.map((x) => ({
      label: `${x.firstName} ${x.lastName}، ${REPRESENTATIVE_POSITIONS.label(x.position)}${x.signingAuthority ? '، دارای حق امضا' : ''}`,
      value: x.nationalCode,
      ltr: true,
    })),
};
