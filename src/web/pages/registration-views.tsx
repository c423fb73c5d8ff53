/**
 * The registration pages' pieces that are not a step's form: the notice box every step shows, the
 * review list, the request-status page and the first page (choose the person kind).
 */
import { h, type Child } from '../jsx.js';
import type { Services } from '../../services.js';
import { Layout } from '../components/layout.js';
import { CsrfField, Notice } from '../components/form.js';
import { ui } from '../../phrases/ui.js';
import { formatMessage } from '../../phrases/fa.js';
import { wholeHours } from '../../flows/outcome.js';
import type { RegistrationData } from '../../flows/registration/registration.js';
import type { RegistrationStep } from '../../flows/registration/steps.js';
import { SECURITY_QUESTIONS } from '../../domain/security-questions.js';
import { formatJalali } from '../../domain/jalali.js';

type Kind = RegistrationData['personKind'];

const stepTitles: Record<RegistrationStep, string> = {
  identity: 'کد ملی و شماره همراه',
  verify_mobile: 'تایید شماره همراه',
  birth_certificate: 'اطلاعات شناسنامه',
  email: 'ایمیل',
  password: 'گذرواژه و پرسش‌های امنیتی',
  review: 'بازبینی و ثبت درخواست',
};

/** A step's heading; foreign nationals have a FIDA code and no shenasnameh. */
export function stepTitle(step: RegistrationStep, kind: Kind): string {
  if (kind === 'foreign' && step === 'identity') return 'کد فیدا و شماره همراه';
  if (kind === 'foreign' && step === 'birth_certificate') return 'اطلاعات هویتی';
  return stepTitles[step];
}

export const submittedTitle = 'درخواست ثبت نام';

/**
 * «کاربر گرامی توجه داشته باشید»: the portal shows this box on every registration step. The
 * common points, then the step's own (children).
 */
export function RegistrationNotice(p: { children?: Child }) {
  return (
    <Notice kind="info" title="کاربر گرامی توجه داشته باشید">
      <ul>
        <li>شماره تلفن همراه باید به نام خود شما باشد؛ اگر به نام شما نباشد، ساخت حساب کاربری برای شما ممکن نیست.</li>
        <li>
          اطلاعاتی که در ثبت نام وارد می‌کنید از این پس به‌طور رسمی برای خدمات الکترونیک به کار می‌رود؛ پاسخگوی درستی آن
          خود شما هستید.
        </li>
        <li>
          گذرواژه را نزد خود نگه دارید و به کسی نگویید؛ پیامدهای آشکار شدن گذرواژه و هر سوءاستفاده از آن بر عهده خود
          شماست.
        </li>
        {p.children}
      </ul>
    </Notice>
  );
}

/** The review's rows: the person's own data in full (they typed it); the answers stay hidden. */
export function ReviewList(p: { data: RegistrationData; editUrl: (step: RegistrationStep) => string }) {
  const d = p.data;
  const b = d.birth;
  const foreign = d.personKind === 'foreign';
  const row = (label: string, value: string, step: RegistrationStep, ltr = false) => (
    <div class="summary-list__row">
      <dt>{label}</dt>
      <dd dir={ltr ? 'ltr' : undefined}>{value}</dd>
      <dd>
        <a class="summary-list__action" href={p.editUrl(step)}>
          ویرایش
        </a>
      </dd>
    </div>
  );
  return (
    <dl class="summary-list">
      {row(foreign ? ui.fidaCode : ui.nationalCode, ui.digits(d.identity?.nationalCode ?? ''), 'identity', true)}
      {row(ui.mobileShort, ui.digits(d.identity?.mobile ?? ''), 'identity', true)}
      {row(ui.firstName, b?.firstName ?? '', 'birth_certificate')}
      {row(ui.lastName, b?.lastName ?? '', 'birth_certificate')}
      {row(ui.fatherName, b?.fatherName ?? '', 'birth_certificate')}
      {foreign ? null : row(ui.shenasnameh, ui.digits(b?.shenasnamehNumber ?? ''), 'birth_certificate', true)}
      {row(ui.birthDate, b ? formatJalali(b.birthDateIso) : '', 'birth_certificate')}
      {row(ui.gender, b?.gender === 'female' ? ui.female : ui.male, 'birth_certificate')}
      {row(ui.email, d.email?.email ?? '—', 'email', true)}
      {(d.password?.questions ?? []).map((item, i) =>
        row(
          `${['سوال امنیتی اول', 'سوال امنیتی دوم', 'سوال امنیتی سوم'][i]} (${SECURITY_QUESTIONS.find((x) => x.id === item.questionId)?.text ?? ''})`,
          '••••',
          'password',
        ),
      )}
    </dl>
  );
}

export function StatusPage(p: { s: Services; statusUrl: string; status: string | null; submittedAt?: string }) {
  const hours = ui.digits(String(wholeHours(p.s.config.limits.registrationPendingMs)));
  const messages: Record<string, { kind: 'info' | 'success' | 'warning' | 'error'; text: string }> = {
    pending: {
      kind: 'success',
      text: `درخواست شما با موفقیت ثبت شد. نتیجه بررسی با پیامک به شما اعلام می‌شود. ثبت درخواست به معنی ساخت حساب نیست؛ تا رسیدن پیامک صبر کنید. اگر تا ${hours} ساعت پیامکی نرسید، دوباره ثبت نام کنید.`,
    },
    activated: { kind: 'success', text: 'حساب کاربری شما فعال شد. اکنون می‌توانید وارد شوید.' },
    // the words login and recovery use for the same account
    branch_visit: { kind: 'warning', text: formatMessage('login.pending_branch_visit') },
    mismatch: {
      kind: 'error',
      text: 'اطلاعات هویتی واردشده با پایگاه ثبت احوال هم‌خوانی ندارد. می‌توانید دوباره ثبت نام کنید.',
    },
    expired: { kind: 'warning', text: `درخواست در ${hours} ساعت به نتیجه نرسید. لطفا دوباره ثبت نام کنید.` },
    superseded: { kind: 'info', text: 'برای این کد ملی حساب کاربری ساخته شده است. وارد شوید.' },
  };
  const m = messages[p.status ?? 'pending'] ?? messages.pending!;
  const canLogin = p.status === 'activated' || p.status === 'superseded';
  const again = p.status === 'mismatch' || p.status === 'expired';
  return (
    <Layout title={submittedTitle} devTools={p.s.config.devTools}>
      <h1>{submittedTitle}</h1>
      <Notice kind={m.kind} title="پیام سیستم">
        <p data-status={p.status ?? 'pending'}>{m.text}</p>
        {p.submittedAt ? <p class="muted">{`تاریخ ثبت: ${p.submittedAt}`}</p> : null}
      </Notice>
      <p>
        {canLogin ? (
          <a class="button" href="/login">
            {ui.login}
          </a>
        ) : again ? (
          <a class="button" href="/registration">
            {ui.register}
          </a>
        ) : (
          <a class="button button--secondary" href={p.statusUrl}>
            به‌روزرسانی وضعیت
          </a>
        )}
      </p>
    </Layout>
  );
}

export function ChooseKindPage(p: { s: Services; csrf: string; action: string; error?: string }) {
  return (
    <Layout title={ui.register} devTools={p.s.config.devTools}>
      <h1>{ui.register}</h1>
      <Notice kind="info" title="کاربر گرامی توجه داشته باشید">
        <ul>
          <li>نوع کاربری خود را انتخاب کنید: اشخاص حقیقی (ایرانی) یا اتباع خارجی.</li>
          <li>شماره تلفن همراهی که وارد می‌کنید باید به نام خود شما باشد.</li>
          <li>پس از پایان ثبت نام، درخواست با پایگاه ثبت احوال سنجیده و نتیجه پیامک می‌شود.</li>
        </ul>
      </Notice>
      {p.error ? (
        <Notice kind="error">
          <p>{p.error}</p>
        </Notice>
      ) : null}
      <form method="post" action={p.action} class="choice-cards">
        <CsrfField token={p.csrf} />
        <button type="submit" name="personKind" value="iranian" class="choice-card">
          <span class="choice-card__title">ثبت نام اشخاص حقیقی</span>
          <span class="choice-card__text">با کد ملی ۱۰ رقمی</span>
        </button>
        <button type="submit" name="personKind" value="foreign" class="choice-card">
          <span class="choice-card__title">ثبت نام اتباع خارجی</span>
          <span class="choice-card__text">با کد فیدا ۱۲ رقمی</span>
        </button>
      </form>
      <p>
        حساب کاربری دارید؟ <a href="/login">{ui.login}</a>
      </p>
    </Layout>
  );
}
