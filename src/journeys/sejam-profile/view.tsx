import { h, Fragment } from '../../web/jsx.js';
import { Notice } from '../../web/components/form.js';
import { ui } from '../../phrases/ui.js';
import { personTypeLabels, profileStateLabels } from '../../phrases/sejam.js';
import { formatJalali } from '../../domain/jalali.js';
import type { ProfileState } from '../../sejam/lifecycle.js';
import { sectionsOf, type PersonType, type Profile } from '../../sejam/profiles.js';

/** What the profile view shows, for the page and the JSON API alike. */
export interface ProfileView {
  trackingCode: string | null;
  state: ProfileState;
  stateLabel: string;
  personType: PersonType;
  identifier: string;
  representativeCode: string | null;
  mobile: string;
  /** The forms as stored (canonical values); the page shows the fields it knows that are present. */
  sections: Record<string, unknown>;
}

export function profileView(p: Profile): ProfileView {
  return {
    trackingCode: p.tracking_code,
    state: p.state,
    stateLabel: profileStateLabels[p.state],
    personType: p.person_type,
    identifier: p.identifier,
    representativeCode: p.representative_code,
    mobile: p.mobile,
    sections: sectionsOf(p),
  };
}

type Format = 'text' | 'ltr' | 'date' | 'gender' | 'yesno';
type Field = readonly [key: string, label: string, format?: Format];

/** The forms' fields by section, in the order the forms ask for them. */
const single: readonly { name: string; title: string; fields: readonly Field[] }[] = [
  {
    name: 'identity',
    title: 'اطلاعات هویتی',
    fields: [
      ['firstName', ui.firstName],
      ['lastName', ui.lastName],
      ['fatherName', ui.fatherName],
      ['birthDate', ui.birthDate, 'date'],
      ['birthPlace', 'محل تولد'],
      ['shenasnamehNumber', ui.shenasnameh, 'ltr'],
      ['shenasnamehSerial', 'سری و سریال شناسنامه', 'ltr'],
      ['gender', ui.gender, 'gender'],
    ],
  },
  {
    name: 'company',
    title: 'اطلاعات شخص حقوقی',
    fields: [
      ['name', 'نام شرکت'],
      ['registrationNumber', 'شماره ثبت', 'ltr'],
      ['registrationDate', 'تاریخ ثبت', 'date'],
      ['registrationPlace', 'محل ثبت'],
      ['companyType', 'نوع شرکت'],
    ],
  },
  {
    name: 'contact',
    title: 'اطلاعات ارتباطی',
    fields: [
      ['province', 'استان'],
      ['city', 'شهر'],
      ['address', 'نشانی'],
      ['postalCode', 'کد پستی', 'ltr'],
      ['landline', 'تلفن ثابت', 'ltr'],
      ['email', ui.email, 'ltr'],
    ],
  },
  {
    name: 'job',
    title: 'اطلاعات شغلی',
    fields: [
      ['occupation', 'شغل'],
      ['employer', 'محل کار'],
      ['position', 'سمت'],
      ['workAddress', 'نشانی محل کار'],
      ['workPhone', 'تلفن محل کار', 'ltr'],
    ],
  },
];

/** Sections that hold a list (bank accounts, a company's representatives). */
const lists: readonly { name: string; key: string; title: string; item: string; fields: readonly Field[] }[] = [
  {
    name: 'bank',
    key: 'accounts',
    title: 'حساب‌های بانکی',
    item: 'حساب',
    fields: [
      ['sheba', 'شماره شبا', 'ltr'],
      ['branch', 'شعبه'],
      ['accountType', 'نوع حساب'],
      ['isDefault', 'حساب پیش‌فرض', 'yesno'],
    ],
  },
  {
    name: 'representatives',
    key: 'list',
    title: 'نمایندگان',
    item: 'نماینده',
    fields: [
      ['nationalCode', ui.nationalCode, 'ltr'],
      ['firstName', ui.firstName],
      ['lastName', ui.lastName],
      ['position', 'سمت'],
      ['signingAuthority', 'حق امضا', 'yesno'],
    ],
  },
];

const record = (v: unknown): Record<string, unknown> | null =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;

/** A stored value as shown, or null when it is absent or not of the field's kind. */
function shown(v: unknown, format: Format = 'text'): string | null {
  if (format === 'yesno') return typeof v === 'boolean' ? (v ? 'بله' : 'خیر') : null;
  if (typeof v !== 'string' || !v.trim()) return null;
  if (format === 'date') return /^\d{4}-\d{2}-\d{2}$/.test(v) ? formatJalali(v) : null;
  if (format === 'gender') return v === 'female' ? ui.female : v === 'male' ? ui.male : null;
  return format === 'ltr' ? ui.digits(v) : v;
}

export interface Row {
  label: string;
  value: string;
  ltr?: boolean | undefined;
}

const rowsOf = (value: unknown, fields: readonly Field[]): Row[] => {
  const r = record(value);
  if (!r) return [];
  return fields.flatMap(([key, label, format]) => {
    const v = shown(r[key], format);
    return v === null ? [] : [{ label, value: v, ltr: format === 'ltr' }];
  });
};

/** Label/value rows (the profile's, a form's summary). */
export function Rows(p: { rows: Row[] }) {
  return (
    <dl class="summary-list">
      {p.rows.map((r) => (
        <div class="summary-list__row">
          <dt>{r.label}</dt>
          <dd dir={r.ltr ? 'ltr' : undefined}>{r.value}</dd>
          <dd></dd>
        </div>
      ))}
    </dl>
  );
}

/** The profile as the seed shows it: the tracking code at the top, then what the forms hold. */
export function ProfilePage(p: { view: ProfileView }) {
  const v = p.view;
  const head: Row[] = [
    { label: 'وضعیت پرونده', value: v.stateLabel, ltr: false },
    { label: 'نوع شخصیت', value: personTypeLabels[v.personType], ltr: false },
    { label: v.personType === 'legal' ? 'شناسه ملی' : ui.nationalCode, value: ui.digits(v.identifier), ltr: true },
    ...(v.representativeCode ? [{ label: 'کد ملی نماینده', value: ui.digits(v.representativeCode), ltr: true }] : []),
    { label: 'شماره همراه', value: ui.digits(v.mobile), ltr: true },
  ];
  return (
    <Fragment>
      {v.trackingCode ? (
        <Notice kind="success" title="کد پیگیری">
          <p class="tracking-code" dir="ltr" data-tracking-code={v.trackingCode}>
            {ui.digits(v.trackingCode)}
          </p>
          <p>با این کد و کد ملی، احراز هویت حضوری یا غیر حضوری را انجام دهید. آن را نزد خود نگه دارید.</p>
        </Notice>
      ) : (
        <Notice kind="info" title="کد پیگیری">
          <p>کد پیگیری هنوز صادر نشده است؛ پس از استعلام موفق صادر و پیامک می‌شود.</p>
        </Notice>
      )}
      <Rows rows={head} />
      {single.map((sec) => {
        const rows = rowsOf(v.sections[sec.name], sec.fields);
        return rows.length ? (
          <section>
            <h3>{sec.title}</h3>
            <Rows rows={rows} />
          </section>
        ) : null;
      })}
      {lists.map((sec) => {
        const items = record(v.sections[sec.name])?.[sec.key];
        const each = (Array.isArray(items) ? items : []).map((it) => rowsOf(it, sec.fields)).filter((r) => r.length);
        return each.length ? (
          <section>
            <h3>{sec.title}</h3>
            {each.map((rows, i) => (
              <Fragment>
                <h4>{`${sec.item} ${ui.digits(String(i + 1))}`}</h4>
                <Rows rows={rows} />
              </Fragment>
            ))}
          </section>
        ) : null;
      })}
    </Fragment>
  );
}
