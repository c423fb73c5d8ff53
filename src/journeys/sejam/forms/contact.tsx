import { z } from 'zod';
import { h, Fragment } from '../../../web/jsx.js';
import { FieldErrorMessage, Notice, RequiredMark, TextField, errorFor } from '../../../web/components/form.js';
import { PROVINCES, cityByCode } from '../../../domain/provinces.js';
import { validatePostalCode, formatPostalCode } from '../../../domain/postal-code.js';
import { validateLandline, formatLandline } from '../../../domain/landline.js';
import { validateEmail } from '../../../domain/email.js';
import { ui } from '../../../phrases/ui.js';
import { toPersianDigits } from '../../../domain/digits.js';
import { Errors, cleanText, type SejamForm } from './define.js';

const input = z.object({
  city: z.string().max(40).describe('City code from the shipped list (its province follows from it)'),
  address: z.string().max(400).describe('Street address: street, alley, plaque, unit'),
  postal_code: z.string().max(20).describe('10-digit postal code'),
  landline: z.string().max(20).describe('Landline with its area code, e.g. 02188776655'),
  email: z.string().max(300).optional().describe('Email (optional)'),
});

/** One select of every city, grouped by province: works without a script, a city names its province. */
function CityField(p: { value?: string | undefined; error?: string | undefined }) {
  const id = 'f-city';
  return (
    <div class={p.error ? 'field field--error' : 'field'}>
      <label for={id}>
        استان و شهر محل سکونت
        <RequiredMark required />
      </label>
      <FieldErrorMessage id={`${id}-error`} text={p.error} />
      <select
        id={id}
        name="city"
        class="input"
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={p.error ? `${id}-error` : undefined}
      >
        <option value="">{ui.choose}</option>
        {PROVINCES.map((prov) => (
          <optgroup label={`استان ${prov.label}`}>
            {prov.cities.map((c) => (
              <option value={c.code} selected={p.value === c.code}>
                {c.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </div>
  );
}

export const contactForm: SejamForm<'contact', typeof input.shape> = {
  section: 'contact',
  stage: 'اطلاعات ارتباطی',
  title: 'اطلاعات ارتباطی',
  input,
  parse(i) {
    const e = new Errors();
    const place = cityByCode(i.city ?? '');
    if (!place) e.add('city', 'form.choose', { field: 'شهر محل سکونت' });
    const address = cleanText(i.address ?? '').trim();
    if (!address) e.add('address', 'form.required', { field: 'نشانی' });
    else if (address.length > 300) e.add('address', 'form.too_long', { field: 'نشانی' });
    const postal = validatePostalCode(i.postal_code ?? '');
    if (!postal.ok) e.add('postal_code', postal.error);
    const phone = validateLandline(i.landline ?? '');
    if (!phone.ok) e.add('landline', phone.error);
    const email = (i.email ?? '').trim() ? validateEmail(i.email ?? '') : null;
    if (email && !email.ok) e.add('email', email.error);
    if (e.any || !place || !postal.ok || !phone.ok || (email && !email.ok)) return { ok: false, errors: e.list };
    return {
      ok: true,
      value: {
        province: place.province.code,
        city: place.city.code,
        address,
        postalCode: postal.value,
        landline: phone.value,
        email: email?.ok ? email.value : null,
      },
    };
  },
  values: (c) => ({
    city: c.city,
    address: c.address,
    postal_code: c.postalCode,
    landline: c.landline,
    email: c.email ?? '',
  }),
  body: (v) => (
    <Fragment>
      <Notice kind="info">
        <p>
          تلفن همراه و ایمیل راه‌های تماس سجام و کارگزاری‌ها با شماست؛ آن‌ها را با دقت وارد کنید. کد پستی در مرحله
          استعلام بررسی و نشانی ثبت‌شده آن برای تایید به شما نشان داده می‌شود.
        </p>
      </Notice>
      {v.profile ? (
        <p>
          شماره همراه ثبت‌شده: <bdi dir="ltr">{v.profile.mobile}</bdi>
        </p>
      ) : null}
      <CityField value={v.values.city} error={errorFor(v.errors, 'city')} />
      <TextField
        name="address"
        label="نشانی"
        hint="خیابان، کوچه، پلاک، واحد"
        required
        maxlength={300}
        value={v.values.address}
        error={errorFor(v.errors, 'address')}
      />
      <TextField
        name="postal_code"
        label="کد پستی"
        hint="۱۰ رقم، بدون خط تیره"
        ltr
        inputmode="numeric"
        maxlength={12}
        required
        value={v.values.postal_code}
        error={errorFor(v.errors, 'postal_code')}
        extra={{ 'data-digits': true }}
      />
      <TextField
        name="landline"
        label="تلفن ثابت با کد شهر"
        hint="مانند ۰۲۱۸۸۷۷۶۶۵۵"
        type="tel"
        ltr
        inputmode="tel"
        maxlength={16}
        required
        value={v.values.landline}
        error={errorFor(v.errors, 'landline')}
        extra={{ 'data-digits': true }}
      />
      <TextField
        name="email"
        label="پست الکترونیک (اختیاری)"
        type="email"
        ltr
        inputmode="email"
        maxlength={254}
        value={v.values.email}
        error={errorFor(v.errors, 'email')}
      />
    </Fragment>
  ),
  summary: (c) => {
    const place = cityByCode(c.city);
    return [
      { label: 'استان و شهر', value: place ? `${place.province.label}، ${place.city.label}` : c.city },
      // stored with ASCII digits (canonical), shown with Persian ones
      { label: 'نشانی', value: toPersianDigits(c.address) },
      { label: 'کد پستی', value: formatPostalCode(c.postalCode), ltr: true },
      { label: 'تلفن ثابت', value: formatLandline(c.landline), ltr: true },
      { label: 'پست الکترونیک', value: c.email ?? '—', ltr: Boolean(c.email) },
    ];
  },
};
