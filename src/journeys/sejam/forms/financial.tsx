import { z } from 'zod';
import { h, Fragment } from '../../../web/jsx.js';
import { FieldErrorMessage, RequiredMark, SelectField, errorFor, fieldId } from '../../../web/components/form.js';
import type { ChoiceList } from '../../../domain/choices.js';
import {
  ASSET_VALUE,
  EXPECTED_TRADING_VALUE,
  INSTRUMENT_EXPERIENCE,
  MARKET_EXPERIENCE,
  MARKET_KNOWLEDGE,
  MONTHLY_INCOME,
  SOURCE_OF_FUNDS,
} from '../../../domain/kyc-choices.js';
import { financialSection } from '../../../sejam/sections.js';
import { Errors, type SejamForm } from './define.js';

/** The single choices: field name, stored key, list, label. */
const SINGLE = [
  ['income', 'incomeBracket', MONTHLY_INCOME, 'میانگین درآمد ماهیانه'],
  ['assets', 'assetBracket', ASSET_VALUE, 'ارزش تقریبی دارایی‌ها'],
  ['trading_value', 'expectedTradingValue', EXPECTED_TRADING_VALUE, 'پیش‌بینی ارزش معاملات در سال'],
  ['knowledge', 'knowledge', MARKET_KNOWLEDGE, 'میزان آشنایی با بازار سرمایه'],
  ['experience', 'experience', MARKET_EXPERIENCE, 'سابقه فعالیت در بازار سرمایه'],
] as const;

/** Several may be ticked: one checkbox field each (`source_salary=on`), so plain forms carry them. */
const MULTI = [
  ['source', 'sourceOfFunds', SOURCE_OF_FUNDS, 'منشأ وجوه'],
  ['instrument', 'instruments', INSTRUMENT_EXPERIENCE, 'ابزارهایی که در آن‌ها تجربه دارید'],
] as const;

const shape: Record<string, z.ZodType<string | undefined>> = {};
for (const [name, , list, label] of SINGLE)
  shape[name] = z
    .string()
    .max(40)
    .describe(`${label}: one of ${list.codes.join(', ')}`);
for (const [prefix, , list, label] of MULTI) {
  for (const c of list.codes)
    shape[`${prefix}_${c}`] = z.string().max(5).optional().describe(`${label}: "on" when ticked`);
}
const input = z.object(shape);

function CheckboxGroup(p: {
  prefix: string;
  legend: string;
  list: ChoiceList<string>;
  values: Record<string, string>;
  error?: string | undefined;
}) {
  const id = fieldId(p.prefix);
  return (
    <fieldset
      class={p.error ? 'field field--error' : 'field'}
      id={id}
      aria-describedby={p.error ? `${id}-error` : undefined}
    >
      <legend>
        {p.legend}
        <RequiredMark required />
      </legend>
      <FieldErrorMessage id={`${id}-error`} text={p.error} />
      <div class="checkboxes">
        {p.list.items.map((c) => (
          <div class="checkbox">
            <input
              type="checkbox"
              id={`${id}-${c.code}`}
              name={`${p.prefix}_${c.code}`}
              value="on"
              checked={p.values[`${p.prefix}_${c.code}`] === 'on'}
            />
            <label for={`${id}-${c.code}`}>{c.label}</label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

export const financialForm: SejamForm<'financial', typeof shape> = {
  section: 'financial',
  stage: 'اطلاعات مالی',
  title: 'اطلاعات مالی',
  input,
  parse(i) {
    const e = new Errors();
    const out: Record<string, string | string[]> = {};
    for (const [name, key, list, label] of SINGLE) {
      const v = i[name] ?? '';
      if (!list.has(v)) e.add(name, 'form.choose', { field: label });
      out[key] = v;
    }
    for (const [prefix, key, list, label] of MULTI) {
      const ticked = list.codes.filter((c) => i[`${prefix}_${c}`] === 'on');
      if (!ticked.length) e.add(prefix, 'form.choose', { field: label });
      out[key] = ticked;
    }
    const value = financialSection.safeParse(out);
    if (e.any || !value.success) return { ok: false, errors: e.list };
    return { ok: true, value: value.data };
  },
  values: (f) => {
    const out: Record<string, string> = {};
    for (const [name, key] of SINGLE) out[name] = f[key];
    for (const [prefix, key] of MULTI) for (const c of f[key]) out[`${prefix}_${c}`] = 'on';
    return out;
  },
  body: (v) => (
    <Fragment>
      {SINGLE.map(([name, , list, label]) => (
        <SelectField
          name={name}
          label={label}
          required
          value={v.values[name]}
          error={errorFor(v.errors, name)}
          options={list.items.map((o) => ({ value: o.code, label: o.label }))}
        />
      ))}
      {MULTI.map(([prefix, , list, label]) => (
        <CheckboxGroup
          prefix={prefix}
          legend={label}
          list={list}
          values={v.values}
          error={errorFor(v.errors, prefix)}
        />
      ))}
    </Fragment>
  ),
  summary: (f) => [
    ...SINGLE.map(([, key, list, label]) => ({ label, value: list.label(f[key]) })),
    ...MULTI.map(([, key, list, label]) => ({ label, value: f[key].map((c) => list.label(c)).join('، ') })),
  ],
};
