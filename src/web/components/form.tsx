import { h, Fragment, raw, type Child } from '../jsx.js';
import type { FieldError } from '../../errors/catalogue.js';
import { formatMessage } from '../../phrases/fa.js';
import { ui } from '../../phrases/ui.js';

/** The star after a required field's label (hidden from screen readers: the input says required). */
export function RequiredMark(p: { required?: boolean | undefined }) {
  return p.required ? (
    <span class="required" aria-hidden="true">
      {' '}
      *
    </span>
  ) : (
    raw('')
  );
}

function Hint(p: { id: string; text?: string | undefined }) {
  return p.text ? (
    <p class="hint" id={p.id}>
      {p.text}
    </p>
  ) : (
    raw('')
  );
}

/** The message beside a field; "Error:" is read out before it. */
export function FieldErrorMessage(p: { id: string; text?: string | undefined }) {
  return p.text ? (
    <p class="field-error" id={p.id}>
      <span class="visually-hidden">{ui.errorPrefix}</span>
      {p.text}
    </p>
  ) : (
    raw('')
  );
}

export const fieldId = (name: string) => `f-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`;

export function errorFor(errors: FieldError[], name: string): string | undefined {
  const e = errors.find((x) => x.field === name);
  return e ? formatMessage(e.code, e.params) : undefined;
}

/**
 * The list of what to fix, each linked to its field. A message shown twice (the same error on two
 * fields) is listed once. `reword` lets a page in another vocabulary (SAMT's forced change) keep
 * its own words.
 */
export function ErrorSummary(props: { errors: FieldError[]; reword?: (text: string) => string }) {
  if (props.errors.length === 0) return raw('');
  const reword = props.reword ?? ((t: string) => t);
  const seen = new Set<string>();
  const items = props.errors.flatMap((e) => {
    const text = reword(formatMessage(e.code, e.params));
    if (seen.has(text)) return [];
    seen.add(text);
    return [{ field: e.field, text }];
  });
  return (
    <div class="error-summary" role="alert" tabindex="-1" data-autofocus>
      <h2 class="error-summary__title">{ui.errorSummaryTitle}</h2>
      <ul>
        {items.map((e) => (
          <li>{e.field ? <a href={`#${fieldId(e.field)}`}>{e.text}</a> : e.text}</li>
        ))}
      </ul>
    </div>
  );
}

export function Notice(props: { kind: 'info' | 'success' | 'warning' | 'error'; title?: string; children?: Child }) {
  return (
    <div class={`notice notice--${props.kind}`} role={props.kind === 'error' ? 'alert' : 'status'}>
      {props.title ? <p class="notice__title">{props.title}</p> : null}
      {props.children}
    </div>
  );
}

export interface TextFieldProps {
  name: string;
  label: string;
  value?: string | undefined;
  error?: string | undefined;
  hint?: string | undefined;
  type?: 'text' | 'password' | 'email' | 'tel';
  /** Codes, phones, passwords and emails are typed left to right. */
  ltr?: boolean;
  inputmode?: 'numeric' | 'tel' | 'email' | 'text';
  autocomplete?: string;
  required?: boolean;
  maxlength?: number;
  extra?: Record<string, string | boolean>;
  children?: Child;
}

export function TextField(p: TextFieldProps) {
  const id = fieldId(p.name);
  const described = [p.hint ? `${id}-hint` : '', p.error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={p.error ? 'field field--error' : 'field'}>
      <label for={id}>
        {p.label}
        <RequiredMark required={p.required} />
      </label>
      <Hint id={`${id}-hint`} text={p.hint} />
      <FieldErrorMessage id={`${id}-error`} text={p.error} />
      <input
        id={id}
        name={p.name}
        type={p.type ?? 'text'}
        value={p.type === 'password' ? undefined : p.value}
        dir={p.ltr ? 'ltr' : undefined}
        class={p.ltr ? 'input input--ltr' : 'input'}
        inputmode={p.inputmode}
        autocomplete={p.autocomplete ?? 'off'}
        aria-describedby={described || undefined}
        aria-invalid={p.error ? 'true' : undefined}
        required={p.required}
        maxlength={p.maxlength}
        spellcheck={p.ltr ? 'false' : undefined}
        {...(p.extra ?? {})}
      />
      {p.children}
    </div>
  );
}

/** A national code or FIDA code as the login name: Latin digits, any digits typed are converted. */
export function NationalOrFidaField(p: {
  name: string;
  hint: string;
  value?: string | undefined;
  error?: string | undefined;
}) {
  return (
    <TextField
      name={p.name}
      label={ui.nationalOrFida}
      hint={p.hint}
      value={p.value}
      error={p.error}
      ltr
      inputmode="numeric"
      autocomplete="username"
      maxlength={16}
      required
      extra={{ 'data-digits': true }}
    />
  );
}

export interface Option {
  value: string;
  label: string;
}

export function RadioGroup(p: {
  name: string;
  legend: string;
  options: Option[];
  value?: string | undefined;
  error?: string | undefined;
  required?: boolean;
}) {
  const id = fieldId(p.name);
  return (
    <fieldset
      class={p.error ? 'field field--error' : 'field'}
      id={id}
      aria-describedby={p.error ? `${id}-error` : undefined}
    >
      <legend>
        {p.legend}
        <RequiredMark required={p.required} />
      </legend>
      <FieldErrorMessage id={`${id}-error`} text={p.error} />
      <div class="radios">
        {p.options.map((o, i) => (
          <div class="radio">
            <input type="radio" id={`${id}-${i}`} name={p.name} value={o.value} checked={p.value === o.value} />
            <label for={`${id}-${i}`}>{o.label}</label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

export function SelectField(p: {
  name: string;
  label: string;
  options: Option[];
  value?: string | undefined;
  error?: string | undefined;
  required?: boolean;
  placeholder?: string;
}) {
  const id = fieldId(p.name);
  return (
    <div class={p.error ? 'field field--error' : 'field'}>
      <label for={id}>
        {p.label}
        <RequiredMark required={p.required} />
      </label>
      <FieldErrorMessage id={`${id}-error`} text={p.error} />
      <select
        id={id}
        name={p.name}
        class="input"
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={p.error ? `${id}-error` : undefined}
      >
        <option value="">{p.placeholder ?? ui.choose}</option>
        {p.options.map((o) => (
          <option value={o.value} selected={p.value === o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A Jalali date as three small fields (day, month, year): works everywhere, no script needed. */
export function JalaliDateField(p: {
  name: string;
  legend: string;
  value?: { y?: string; m?: string; d?: string } | undefined;
  error?: string | undefined;
  hint?: string;
}) {
  const id = fieldId(p.name);
  const months = ui.jalaliMonths;
  return (
    <fieldset
      class={p.error ? 'field field--error date-field' : 'field date-field'}
      id={id}
      aria-describedby={
        [p.hint ? `${id}-hint` : '', p.error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined
      }
    >
      <legend>
        {p.legend}
        <RequiredMark required />
      </legend>
      <Hint id={`${id}-hint`} text={p.hint} />
      <FieldErrorMessage id={`${id}-error`} text={p.error} />
      <div class="date-parts">
        <div class="date-part">
          <label for={`${id}-d`}>{ui.day}</label>
          <input
            id={`${id}-d`}
            name={`${p.name}_d`}
            class="input input--ltr input--2"
            dir="ltr"
            inputmode="numeric"
            maxlength={2}
            autocomplete="off"
            value={p.value?.d}
          />
        </div>
        <div class="date-part">
          <label for={`${id}-m`}>{ui.month}</label>
          <select id={`${id}-m`} name={`${p.name}_m`} class="input">
            <option value="">—</option>
            {months.map((name, i) => (
              <option value={String(i + 1)} selected={p.value?.m === String(i + 1)}>
                {name}
              </option>
            ))}
          </select>
        </div>
        <div class="date-part">
          <label for={`${id}-y`}>{ui.year}</label>
          <input
            id={`${id}-y`}
            name={`${p.name}_y`}
            class="input input--ltr input--4"
            dir="ltr"
            inputmode="numeric"
            maxlength={4}
            autocomplete="off"
            placeholder="۱۳۷۰"
            value={p.value?.y}
          />
        </div>
      </div>
    </fieldset>
  );
}

export function CsrfField(p: { token: string }) {
  return <input type="hidden" name="_csrf" value={p.token} />;
}

export function Actions(p: { primary: string; back?: { href: string; label: string } | undefined; children?: Child }) {
  return (
    <div class="actions">
      <button type="submit" class="button">
        {p.primary}
      </button>
      {p.back ? (
        <a class="button button--secondary" href={p.back.href}>
          {p.back.label}
        </a>
      ) : null}
      {p.children}
    </div>
  );
}

/** Shows the steps of a journey by name; the current one is marked for screen readers too. */
export function Stepper(p: { steps: { key: string; label: string }[]; current: string }) {
  const idx = p.steps.findIndex((s) => s.key === p.current);
  return (
    <ol class="stepper" aria-label={ui.stepsLabel}>
      {p.steps.map((s, i) => (
        <li
          class={
            i < idx
              ? 'stepper__step stepper__step--done'
              : i === idx
                ? 'stepper__step stepper__step--current'
                : 'stepper__step'
          }
          aria-current={i === idx ? 'step' : undefined}
        >
          <span class="stepper__num">{ui.digits(String(i + 1))}</span>
          <span class="stepper__label">{s.label}</span>
          {i < idx ? <span class="visually-hidden">{ui.stepDone}</span> : null}
        </li>
      ))}
    </ol>
  );
}

/**
 * Enter in a text field submits with the form's first submit button. Forms whose first button is
 * something else (the captcha's "new image") start with this copy of the primary action.
 */
export function DefaultSubmit(p: { label: string }) {
  return (
    <button type="submit" class="default-submit" tabindex="-1" aria-hidden="true">
      {p.label}
    </button>
  );
}

/**
 * "Send the code again": always a working button (the server enforces the cooldown); the script
 * disables it while the countdown runs.
 */
export function ResendCodeForm(p: { action: string; csrf: string; waitSeconds: number }) {
  return (
    <form method="post" action={p.action} class="resend-form">
      <CsrfField token={p.csrf} />
      <input type="hidden" name="_action" value="resend" />
      {p.waitSeconds > 0 ? (
        <p class="countdown muted" data-countdown={String(p.waitSeconds)} data-countdown-enables="resend-button">
          {`ارسال دوباره کد تا ${ui.digits(String(p.waitSeconds))} ثانیه دیگر ممکن است.`}
        </p>
      ) : null}
      <button type="submit" id="resend-button" class="link-button">
        {ui.resendCode}
      </button>
    </form>
  );
}

/** The box for a 6-digit SMS code: typed left to right, any digits, offered by the phone's keyboard. */
export function CodeField(p: { label: string; value?: string | undefined; error?: string | undefined }) {
  return (
    <TextField
      name="code"
      label={p.label}
      value={p.value}
      error={p.error}
      ltr
      inputmode="numeric"
      autocomplete="one-time-code"
      maxlength={10}
      required
      extra={{ 'data-digits': true, class: 'input input--ltr otp-input' }}
    />
  );
}
