import { h } from '../jsx.js';
import { FieldErrorMessage, RadioGroup, TextField, fieldId } from './form.js';

interface FieldProps {
  label: string;
  value?: string | undefined;
  error?: string | undefined;
  hint?: string | undefined;
}

/** A mobile number: typed left to right in any digits, offered the phone keyboard. */
export function MobileField(p: FieldProps & { name?: string }) {
  return (
    <TextField
      name={p.name ?? 'mobile'}
      label={p.label}
      hint={p.hint}
      type="tel"
      ltr
      inputmode="tel"
      maxlength={16}
      required
      value={p.value}
      error={p.error}
      extra={{ 'data-digits': true }}
    />
  );
}

/** A code made of digits (national code, national ID…): left to right, any digits, the number pad. */
export function DigitsField(p: FieldProps & { name: string; maxlength: number; required?: boolean }) {
  return (
    <TextField
      name={p.name}
      label={p.label}
      hint={p.hint}
      ltr
      inputmode="numeric"
      maxlength={p.maxlength}
      required={p.required ?? true}
      value={p.value}
      error={p.error}
      extra={{ 'data-digits': true }}
    />
  );
}

/** Sejam's one box for whose profile it is: a national code, or a legal person's national ID. */
export function ProfileIdentifierField(p: Omit<FieldProps, 'label' | 'hint'>) {
  return (
    <DigitsField
      name="national_code"
      label="کد ملی / شناسه ملی"
      hint="کد ملی ۱۰ رقم؛ شناسه ملی شخص حقوقی ۱۱ رقم."
      maxlength={13}
      value={p.value}
      error={p.error}
    />
  );
}

/** One checkbox (a confirmation, "may sign"): its error beside it, named for the error summary. */
export function CheckboxField(p: { name: string; label: string; checked?: boolean; error?: string | undefined }) {
  const id = fieldId(p.name);
  return (
    <div class={p.error ? 'field field--error' : 'field'} id={`${id}-field`}>
      <FieldErrorMessage id={`${id}-error`} text={p.error} />
      <div class="checkbox">
        <input
          type="checkbox"
          id={id}
          name={p.name}
          value="on"
          checked={p.checked}
          aria-describedby={p.error ? `${id}-error` : undefined}
        />
        <label for={id}>{p.label}</label>
      </div>
    </div>
  );
}

/** Sejam's person type (نوع شخصیت / نوع مشتری): natural or legal, and where it is asked, the foreign national who is then told why not. */
export function PersonTypeField(p: {
  legend: string;
  value?: string | undefined;
  error?: string | undefined;
  foreign?: boolean;
}) {
  const options = [
    { value: 'natural', label: 'حقیقی' },
    { value: 'legal', label: 'حقوقی' },
    ...(p.foreign ? [{ value: 'foreign', label: 'تبعه خارجی' }] : []),
  ];
  return <RadioGroup name="person_type" legend={p.legend} required value={p.value} error={p.error} options={options} />;
}
