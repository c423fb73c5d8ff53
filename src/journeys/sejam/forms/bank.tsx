import { z } from 'zod';
import { h, Fragment } from '../../../web/jsx.js';
import { Notice, RadioGroup, SelectField, TextField, errorFor } from '../../../web/components/form.js';
import { validateSheba, formatSheba, shebaBankCode } from '../../../domain/sheba.js';
import { bankByCode } from '../../../domain/banks.js';
import { ACCOUNT_TYPES } from '../../../domain/kyc-choices.js';
import type { Section } from '../../../sejam/sections.js';
import { Errors, cleanText, type SejamForm } from './define.js';

/** Up to three accounts: enough for nearly everyone, and plain fields work without a script. */
export const BANK_SLOTS = [1, 2, 3] as const;

const slotFields = Object.fromEntries(
  BANK_SLOTS.flatMap((n) => [
    [`sheba_${n}`, z.string().max(40).optional().describe(`Account ${n}: Sheba (IR + 24 digits)`)],
    [`branch_${n}`, z.string().max(80).optional().describe(`Account ${n}: branch name or code`)],
    [`account_type_${n}`, z.string().max(30).optional().describe(`Account ${n}: account type code`)],
  ]),
) as Record<`${'sheba' | 'branch' | 'account_type'}_${1 | 2 | 3}`, z.ZodOptional<z.ZodString>>;

const input = z.object({
  ...slotFields,
  default_account: z.string().max(2).describe('Which account (1–3) is the default one'),
});

type Account = Section<'bank'>['accounts'][number];

export const bankForm: SejamForm<'bank', typeof input.shape> = {
  section: 'bank',
  stage: 'اطلاعات بانکی',
  title: 'اطلاعات حساب بانکی',
  input,
  parse(i) {
    const e = new Errors();
    const accounts: (Account & { slot: number })[] = [];
    const seen = new Set<string>();
    for (const n of BANK_SLOTS) {
      const raw = {
        sheba: i[`sheba_${n}`] ?? '',
        branch: cleanText(i[`branch_${n}`] ?? '').trim(),
        type: i[`account_type_${n}`] ?? '',
      };
      const empty = !raw.sheba.trim() && !raw.branch && !raw.type;
      if (empty && n > 1) continue;
      const sheba = validateSheba(raw.sheba, { requireKnownBank: true });
      if (!sheba.ok) e.add(`sheba_${n}`, sheba.error);
      else if (seen.has(sheba.value)) e.add(`sheba_${n}`, 'sejam.bank_duplicate');
      if (!raw.branch) e.add(`branch_${n}`, 'form.required', { field: 'شعبه' });
      else if (raw.branch.length > 60) e.add(`branch_${n}`, 'form.too_long', { field: 'شعبه' });
      if (!ACCOUNT_TYPES.has(raw.type)) e.add(`account_type_${n}`, 'form.choose', { field: 'نوع حساب' });
      if (sheba.ok && raw.branch && raw.branch.length <= 60 && ACCOUNT_TYPES.has(raw.type)) {
        seen.add(sheba.value);
        accounts.push({
          slot: n,
          sheba: sheba.value,
          bankCode: shebaBankCode(sheba.value),
          branch: raw.branch,
          accountType: raw.type,
          isDefault: false,
        });
      }
    }
    const chosen = Number(i.default_account);
    const def = accounts.find((a) => a.slot === chosen) ?? (accounts.length === 1 && !e.any ? accounts[0] : undefined);
    if (!e.any && !def) e.add('default_account', 'sejam.bank_default_required');
    if (e.any || !def) return { ok: false, errors: e.list };
    return {
      ok: true,
      value: { accounts: accounts.map(({ slot, ...a }) => ({ ...a, isDefault: slot === def.slot })) },
    };
  },
  values: (b) => {
    const out: Record<string, string> = {};
    b.accounts.forEach((a, idx) => {
      const n = idx + 1;
      out[`sheba_${n}`] = a.sheba;
      out[`branch_${n}`] = a.branch;
      out[`account_type_${n}`] = a.accountType;
      if (a.isDefault) out.default_account = String(n);
    });
    return out;
  },
  body: (v) => (
    <Fragment>
      <Notice kind="info">
        <p>
          حساب‌ها باید به نام خود شما باشند؛ در مرحله استعلام مالکیت هر شماره شبا بررسی می‌شود. دست‌کم یک حساب لازم است
          و یکی را حساب پیش‌فرض کنید.
        </p>
      </Notice>
      {BANK_SLOTS.map((n) => (
        <fieldset class="field-group">
          <legend>{n === 1 ? 'حساب اول' : n === 2 ? 'حساب دوم (اختیاری)' : 'حساب سوم (اختیاری)'}</legend>
          <TextField
            name={`sheba_${n}`}
            label="شماره شبا"
            hint="IR و ۲۴ رقم؛ نام بانک از روی شماره شبا شناخته می‌شود"
            ltr
            maxlength={34}
            required={n === 1}
            value={v.values[`sheba_${n}`]}
            error={errorFor(v.errors, `sheba_${n}`)}
            extra={{ 'data-digits': true }}
          />
          <TextField
            name={`branch_${n}`}
            label="شعبه"
            maxlength={60}
            required={n === 1}
            value={v.values[`branch_${n}`]}
            error={errorFor(v.errors, `branch_${n}`)}
          />
          <SelectField
            name={`account_type_${n}`}
            label="نوع حساب"
            required={n === 1}
            value={v.values[`account_type_${n}`]}
            error={errorFor(v.errors, `account_type_${n}`)}
            options={ACCOUNT_TYPES.items.map((t) => ({ value: t.code, label: t.label }))}
          />
        </fieldset>
      ))}
      <RadioGroup
        name="default_account"
        legend="حساب پیش‌فرض"
        required
        value={v.values.default_account}
        error={errorFor(v.errors, 'default_account')}
        options={BANK_SLOTS.map((n) => ({
          value: String(n),
          label: n === 1 ? 'حساب اول' : n === 2 ? 'حساب دوم' : 'حساب سوم',
        }))}
      />
    </Fragment>
  ),
  summary: (b) =>
    b.accounts.map((a) => ({
      label: `${bankByCode(a.bankCode)?.name ?? `بانک ${a.bankCode}`}${a.isDefault ? ' (پیش‌فرض)' : ''}، شعبه ${a.branch}، ${ACCOUNT_TYPES.label(a.accountType)}`,
      value: formatSheba(a.sheba),
      ltr: true,
    })),
};
