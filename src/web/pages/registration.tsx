import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h, Fragment } from '../jsx.js';
import type { Services } from '../../services.js';
import { Layout } from '../components/layout.js';
import { Captcha } from '../components/captcha.js';
import {
  Actions,
  CsrfField,
  DefaultSubmit,
  ErrorSummary,
  JalaliDateField,
  Notice,
  RadioGroup,
  SelectField,
  Stepper,
  TextField,
  errorFor,
  ResendCodeForm,
  CodeField,
} from '../components/form.js';
import { PasswordPair } from '../components/password.js';
import { sendFlowLost } from './common.js';
import { ui } from '../../phrases/ui.js';
import { formatMessage } from '../../phrases/fa.js';
import type { FieldError } from '../../errors/catalogue.js';
import type { CaptchaIssue } from '../../security/captcha-service.js';
import { loadFlow } from '../../flows/store.js';
import {
  REGISTRATION_KIND,
  landingStep,
  registrationStatus,
  resendMobileCode,
  saveDraftAndGoBack,
  startRegistration,
  submitRegistrationStep,
  type RegistrationData,
  type RegistrationFlow,
} from '../../flows/registration/registration.js';
import {
  isStep,
  previousStep,
  registrationSteps,
  registrationStages,
  type RegistrationStep,
} from '../../flows/registration/steps.js';
import { resendWaitMs } from '../../flows/sms-code.js';
import { SECURITY_QUESTIONS } from '../../domain/security-questions.js';
import { maskMobile } from '../../domain/mobile.js';
import { maskNationalCode } from '../../domain/national-code.js';
import { formatJalali } from '../../domain/jalali.js';
import { clientIp, keptInput, csrfToken, csrfValid, formBody, seeOther, sendHtml } from '../http.js';
import type { StepOutcome } from '../../flows/outcome.js';

const base = '/registration';
const stepUrl = (flowId: string, step: string) => `${base}/${step}?flow=${flowId}`;

const titles: Record<RegistrationStep | 'submitted', string> = {
  identity: 'ثبت نام: کد ملی و شماره همراه',
  verify_mobile: 'ثبت نام: تایید شماره همراه',
  birth_certificate: 'ثبت نام: اطلاعات شناسنامه',
  email: 'ثبت نام: ایمیل',
  password: 'ثبت نام: گذرواژه و پرسش‌های امنیتی',
  review: 'ثبت نام: بازبینی و ثبت درخواست',
  submitted: 'درخواست ثبت نام',
};

interface View {
  s: Services;
  flow: RegistrationFlow;
  step: RegistrationStep;
  values: Record<string, string>;
  errors: FieldError[];
  csrf: string;
  captcha?: CaptchaIssue;
  resendWaitSec?: number;
}

const questionOptions = SECURITY_QUESTIONS.map((q) => ({ value: q.id, label: q.text }));

function savedValues(data: RegistrationData, step: RegistrationStep): Record<string, string> {
  const draft = data.drafts?.[step];
  if (draft && Object.keys(draft).length) return draft;
  switch (step) {
    case 'identity':
      return data.identity ? { nationalCode: data.identity.nationalCode, mobile: data.identity.mobile } : {};
    case 'birth_certificate': {
      const b = data.birth;
      if (!b) return {};
      return {
        firstName: b.firstName,
        lastName: b.lastName,
        fatherName: b.fatherName,
        shenasnamehNumber: b.shenasnamehNumber,
        birthDate_y: b.birthDate.y,
        birthDate_m: b.birthDate.m,
        birthDate_d: b.birthDate.d,
        gender: b.gender,
      };
    }
    case 'email':
      return data.email?.email ? { email: data.email.email } : {};
    default:
      return {};
  }
}

function StepForm(v: View, children: JSX.Element, primary: string = ui.next) {
  const prev = previousStep(v.step);
  return (
    <form method="post" action={stepUrl(v.flow.id, v.step)} novalidate autocomplete="off">
      <CsrfField token={v.csrf} />
      <DefaultSubmit label={primary} />
      {children}
      <div class="actions">
        <button type="submit" class="button">
          {primary}
        </button>
        {prev ? (
          <button type="submit" name="_action" value="back" class="button button--secondary" formnovalidate>
            {ui.previous}
          </button>
        ) : null}
      </div>
    </form>
  );
}

function stepBody(v: View): JSX.Element {
  const e = (name: string) => errorFor(v.errors, name);
  const val = (name: string) => v.values[name];
  const foreign = v.flow.data.personKind === 'foreign';
  switch (v.step) {
    case 'identity':
      return StepForm(
        v,
        <Fragment>
          <Notice kind="info" title="کاربر گرامی توجه داشته باشید">
            <ul>
              <li>شماره تلفن همراه باید به نام خود شما باشد؛ این موضوع از سامانه شاهکار استعلام می‌شود.</li>
              <li>اگر شماره همراهی به نام خود ندارید، برای ساخت حساب به نزدیک‌ترین شعبه مراجعه کنید.</li>
              <li>اطلاعاتی که وارد می‌کنید از این پس برای خدمات الکترونیک به کار می‌رود؛ درستی آن بر عهده شماست.</li>
            </ul>
          </Notice>
          <TextField
            name="nationalCode"
            label={foreign ? ui.fidaCode : ui.nationalCode}
            hint={foreign ? 'کد فراگیر اتباع خارجی، ۱۲ رقم' : '۱۰ رقم، بدون خط تیره'}
            value={val('nationalCode')}
            error={e('nationalCode')}
            ltr
            inputmode="numeric"
            maxlength={foreign ? 16 : 14}
            required
            extra={{ 'data-digits': true }}
          />
          <TextField
            name="mobile"
            label={ui.mobile}
            hint="مانند ۰۹۱۲۱۲۳۴۵۶۷"
            value={val('mobile')}
            error={e('mobile')}
            type="tel"
            ltr
            inputmode="tel"
            maxlength={16}
            required
            extra={{ 'data-digits': true }}
          />
          <Captcha captcha={v.captcha} error={e('captcha')} />
        </Fragment>,
      );
    case 'verify_mobile': {
      const mobile = v.flow.data.identity?.mobile ?? '';
      const wait = v.resendWaitSec ?? 0;
      return (
        <Fragment>
          <p class="lead">
            کد تایید ۶ رقمی به شماره <span dir="ltr">{ui.digits(maskMobile(mobile))}</span> پیامک شد. آن را وارد کنید.
          </p>
          <form method="post" action={stepUrl(v.flow.id, v.step)} novalidate autocomplete="off">
            <CsrfField token={v.csrf} />
            <CodeField label={ui.otpCode} value={val('code')} error={e('code')} />
            <Actions primary={ui.next} />
          </form>
          <ResendCodeForm action={stepUrl(v.flow.id, v.step)} csrf={v.csrf} waitSeconds={wait} />
          <p>
            <a href={stepUrl(v.flow.id, 'identity')}>تغییر کد ملی یا شماره همراه</a>
          </p>
        </Fragment>
      );
    }
    case 'birth_certificate':
      return StepForm(
        v,
        <Fragment>
          <Notice kind="info">
            <p>اطلاعات را دقیقا مطابق شناسنامه وارد کنید؛ با پایگاه ثبت احوال سنجیده می‌شود.</p>
          </Notice>
          <TextField
            name="firstName"
            label={ui.firstName}
            value={val('firstName')}
            error={e('firstName')}
            required
            maxlength={60}
          />
          <TextField
            name="lastName"
            label={ui.lastName}
            value={val('lastName')}
            error={e('lastName')}
            required
            maxlength={60}
          />
          <TextField
            name="fatherName"
            label={ui.fatherName}
            value={val('fatherName')}
            error={e('fatherName')}
            required
            maxlength={60}
          />
          {foreign ? null : (
            <TextField
              name="shenasnamehNumber"
              label={ui.shenasnameh}
              hint="اگر شماره شناسنامه شما با کد ملی یکی است، همان کد ملی را وارد کنید (نه صفر)."
              value={val('shenasnamehNumber')}
              error={e('shenasnamehNumber')}
              ltr
              inputmode="numeric"
              maxlength={12}
              required
              extra={{ 'data-digits': true }}
            />
          )}
          <JalaliDateField
            name="birthDate"
            legend={ui.birthDate}
            hint="به تاریخ خورشیدی، مانند ۱۵ فروردین ۱۳۷۰"
            value={{ y: val('birthDate_y'), m: val('birthDate_m'), d: val('birthDate_d') }}
            error={e('birthDate')}
          />
          <RadioGroup
            name="gender"
            legend={ui.gender}
            required
            value={val('gender')}
            error={e('gender')}
            options={[
              { value: 'male', label: ui.male },
              { value: 'female', label: ui.female },
            ]}
          />
        </Fragment>,
      );
    case 'email':
      return StepForm(
        v,
        <Fragment>
          <Notice kind="warning">
            <p>
              اگر در مکان عمومی (مانند کافی‌نت) ثبت نام می‌کنید و خانه‌ها از پیش پر شده‌اند، ثبت نام را ادامه ندهید.
            </p>
          </Notice>
          <TextField
            name="email"
            label={ui.email}
            hint="اختیاری؛ برای پیام‌های سامانه به کار می‌رود."
            type="email"
            value={val('email')}
            error={e('email')}
            ltr
            inputmode="email"
            maxlength={254}
          />
        </Fragment>,
      );
    case 'password':
      return StepForm(
        v,
        <Fragment>
          <Notice kind="warning">
            <p>اگر در مکان عمومی ثبت نام می‌کنید و خانه‌های گذرواژه از پیش پر شده‌اند، ثبت نام را ادامه ندهید.</p>
          </Notice>
          <PasswordPair error={e('password')} repeatError={e('passwordRepeat')} />
          <fieldset class="questions">
            <legend>پرسش‌های امنیتی</legend>
            <p class="hint">
              سه پرسش متفاوت با سه پاسخ متفاوت برگزینید. اگر گذرواژه را فراموش کنید با این پاسخ‌ها گذرواژه تازه
              می‌سازید؛ لازم نیست پاسخ واقعی باشد، فقط آن را به خاطر بسپارید.
            </p>
            {[1, 2, 3].map((i) => (
              <div class="question-pair">
                <SelectField
                  name={`question${i}`}
                  label={['پرسش اول', 'پرسش دوم', 'پرسش سوم'][i - 1]!}
                  options={questionOptions}
                  value={val(`question${i}`)}
                  error={e(`question${i}`)}
                  required
                />
                <TextField
                  name={`answer${i}`}
                  label={['پاسخ اول', 'پاسخ دوم', 'پاسخ سوم'][i - 1]!}
                  hint="حداقل دو حرف"
                  value={val(`answer${i}`)}
                  error={e(`answer${i}`)}
                  required
                  maxlength={100}
                />
              </div>
            ))}
          </fieldset>
        </Fragment>,
      );
    case 'review': {
      const d = v.flow.data;
      const b = d.birth;
      const q = d.password?.questions ?? [];
      const change = (step: RegistrationStep) => (
        <a class="summary-list__action" href={stepUrl(v.flow.id, step)}>
          ویرایش
        </a>
      );
      const row = (label: string, value: string, step: RegistrationStep, ltr = false) => (
        <div class="summary-list__row">
          <dt>{label}</dt>
          <dd dir={ltr ? 'ltr' : undefined}>{value}</dd>
          <dd>{change(step)}</dd>
        </div>
      );
      const nc = d.identity?.nationalCode ?? '';
      return StepForm(
        v,
        <Fragment>
          <p>اطلاعات را بررسی کنید. اگر درست است «تایید و ارسال درخواست» را بزنید؛ وگرنه آن را ویرایش کنید.</p>
          <dl class="summary-list">
            {row(
              d.personKind === 'foreign' ? ui.fidaCode : ui.nationalCode,
              ui.digits(d.personKind === 'foreign' ? nc : maskNationalCode(nc)),
              'identity',
              true,
            )}
            {row(ui.mobileShort, ui.digits(maskMobile(d.identity?.mobile ?? '')), 'identity', true)}
            {row(ui.firstName, b?.firstName ?? '', 'birth_certificate')}
            {row(ui.lastName, b?.lastName ?? '', 'birth_certificate')}
            {row(ui.fatherName, b?.fatherName ?? '', 'birth_certificate')}
            {d.personKind === 'foreign'
              ? null
              : row(ui.shenasnameh, ui.digits(b?.shenasnamehNumber ?? ''), 'birth_certificate', true)}
            {row(ui.birthDate, b ? formatJalali(b.birthDateIso) : '', 'birth_certificate')}
            {row(ui.gender, b?.gender === 'female' ? ui.female : ui.male, 'birth_certificate')}
            {row(ui.email, d.email?.email ?? '—', 'email', true)}
            {q.map((item, i) =>
              row(
                `${['سوال امنیتی اول', 'سوال امنیتی دوم', 'سوال امنیتی سوم'][i]} (${SECURITY_QUESTIONS.find((x) => x.id === item.questionId)?.text ?? ''})`,
                '••••',
                'password',
              ),
            )}
          </dl>
        </Fragment>,
        'تایید و ارسال درخواست',
      );
    }
  }
}

function StepPage(v: View) {
  const stage = registrationSteps.find((x) => x.key === v.step)?.stage ?? 'identity';
  const heading = `ثبت نام ${v.flow.data.personKind === 'foreign' ? 'اتباع خارجی' : 'اشخاص حقیقی'}`;
  return (
    <Layout title={titles[v.step]} devTools={v.s.config.devTools}>
      <h1>{heading}</h1>
      <Stepper steps={[...registrationStages]} current={stage} />
      <h2 class="step-title">{titles[v.step].replace('ثبت نام: ', '')}</h2>
      <ErrorSummary errors={v.errors} />
      {stepBody(v)}
    </Layout>
  );
}

function StatusPage(p: { s: Services; flow: RegistrationFlow; status: string | null; submittedAt?: string }) {
  const messages: Record<string, { kind: 'info' | 'success' | 'warning' | 'error'; text: string }> = {
    pending: {
      kind: 'success',
      text: 'درخواست شما با موفقیت ثبت شد. نتیجه بررسی با پیامک به شما اعلام می‌شود. ثبت درخواست به معنی ساخت حساب نیست؛ تا رسیدن پیامک صبر کنید. اگر تا ۴۸ ساعت پیامکی نرسید، دوباره ثبت نام کنید.',
    },
    activated: { kind: 'success', text: 'حساب کاربری شما فعال شد. اکنون می‌توانید وارد شوید.' },
    branch_visit: {
      kind: 'warning',
      text: 'ثبت نام شما تایید شد. برای فعال‌سازی حساب با مدارک هویتی به نزدیک‌ترین شعبه مراجعه کنید.',
    },
    mismatch: {
      kind: 'error',
      text: 'اطلاعات هویتی واردشده با پایگاه ثبت احوال هم‌خوانی ندارد. می‌توانید دوباره ثبت نام کنید.',
    },
    expired: { kind: 'warning', text: 'درخواست در ۴۸ ساعت به نتیجه نرسید. لطفا دوباره ثبت نام کنید.' },
    superseded: { kind: 'info', text: 'برای این کد ملی حساب کاربری ساخته شده است. وارد شوید.' },
  };
  const m = messages[p.status ?? 'pending'] ?? messages.pending!;
  const canLogin = p.status === 'activated' || p.status === 'superseded';
  const again = p.status === 'mismatch' || p.status === 'expired';
  return (
    <Layout title={titles.submitted} devTools={p.s.config.devTools}>
      <h1>{titles.submitted}</h1>
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
          <a class="button button--secondary" href={stepUrl(p.flow.id, 'submitted')}>
            به‌روزرسانی وضعیت
          </a>
        )}
      </p>
    </Layout>
  );
}

function ChooseKindPage(p: { s: Services; csrf: string; error?: string }) {
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
      <form method="post" action={base} class="choice-cards">
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

export function registerRegistrationPages(app: FastifyInstance, s: Services) {
  const render = async (
    req: FastifyRequest,
    reply: FastifyReply,
    flow: RegistrationFlow,
    step: RegistrationStep,
    values: Record<string, string>,
    errors: FieldError[],
  ) => {
    const v: View = { s, flow, step, values, errors, csrf: csrfToken(s, req, reply) };
    if (step === 'identity') v.captcha = await s.captcha.issue(clientIp(req), { altcha: true });
    if (step === 'verify_mobile')
      v.resendWaitSec = Math.ceil((await resendWaitMs(s, s.db, flow.id, 'registration')) / 1000);
    return sendHtml(reply, StepPage(v), errors.length ? 400 : 200);
  };

  const lost = (reply: FastifyReply, reason: 'not_found' | 'expired') =>
    sendFlowLost(s, reply, reason, { title: ui.register, startUrl: base });

  app.get(base, async (req, reply) => sendHtml(reply, ChooseKindPage({ s, csrf: csrfToken(s, req, reply) })));

  app.post(base, async (req, reply) => {
    const body = formBody(req);
    if (!csrfValid(s, req, body)) {
      return sendHtml(
        reply,
        ChooseKindPage({ s, csrf: csrfToken(s, req, reply), error: formatMessage('csrf.invalid') }),
        403,
      );
    }
    const kind = body.personKind;
    if (kind !== 'iranian' && kind !== 'foreign') {
      return sendHtml(
        reply,
        ChooseKindPage({ s, csrf: csrfToken(s, req, reply), error: formatMessage('person_kind.required') }),
        400,
      );
    }
    const flow = await startRegistration(s, kind);
    return seeOther(reply, stepUrl(flow.id, 'identity'));
  });

  app.get<{ Params: { step: string }; Querystring: { flow?: string } }>(`${base}/:step`, async (req, reply) => {
    const loaded = await loadFlow<RegistrationData>(s.db, s.clock, req.query.flow, REGISTRATION_KIND);
    if (!loaded.ok) return lost(reply, loaded.reason);
    const flow = loaded.flow;
    const landing = landingStep(flow, req.params.step);
    if (landing !== req.params.step) return seeOther(reply, stepUrl(flow.id, landing));
    if (landing === 'submitted') {
      const st = await registrationStatus(s, flow);
      return sendHtml(reply, StatusPage({ s, flow, status: st?.status ?? null, submittedAt: st?.submittedAt }));
    }
    return render(req, reply, flow, landing, savedValues(flow.data, landing), []);
  });

  app.post<{ Params: { step: string }; Querystring: { flow?: string } }>(`${base}/:step`, async (req, reply) => {
    const body = formBody(req);
    const loaded = await loadFlow<RegistrationData>(s.db, s.clock, req.query.flow, REGISTRATION_KIND);
    if (!loaded.ok) return lost(reply, loaded.reason);
    const flow = loaded.flow;
    const step = req.params.step;
    if (!isStep(step) || landingStep(flow, step) !== step)
      return seeOther(reply, stepUrl(flow.id, landingStep(flow, step)));
    const kept = keptInput(body);
    if (!csrfValid(s, req, body)) return render(req, reply, flow, step, kept, [{ field: null, code: 'csrf.invalid' }]);

    const action = body._action;
    if (action === 'new_captcha') return render(req, reply, flow, step, kept, []);
    let out: StepOutcome<RegistrationData>;
    if (action === 'back') {
      const prev = previousStep(step);
      if (!prev) return seeOther(reply, stepUrl(flow.id, step));
      out = await saveDraftAndGoBack(s, flow, step, body, prev);
      if (out.ok) return seeOther(reply, stepUrl(flow.id, prev));
    } else if (action === 'resend') {
      out = await resendMobileCode(s, flow, { ip: clientIp(req) });
      if (out.ok) return seeOther(reply, stepUrl(flow.id, 'verify_mobile'));
    } else {
      out = await submitRegistrationStep(s, flow, step, body, { ip: clientIp(req) });
      if (out.ok) return seeOther(reply, stepUrl(flow.id, out.flow.state));
    }
    if (!out.ok) {
      // another tab or node moved the flow while this request ran: follow it rather than show a stale error
      const fresh = await loadFlow<RegistrationData>(s.db, s.clock, flow.id, REGISTRATION_KIND);
      if (!fresh.ok) return lost(reply, fresh.reason);
      const moved = fresh.flow.version !== flow.version;
      if (moved || out.errors.some((e) => e.code === 'flow.conflict' || e.code === 'flow.wrong_step')) {
        return seeOther(reply, stepUrl(flow.id, fresh.flow.state));
      }
    }
    const errors = out.ok ? [] : out.errors;
    return render(req, reply, flow, step, kept, errors);
  });
}
