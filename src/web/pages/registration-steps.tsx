/** The registration steps' pages: one form per step, the notice box on each (routes: registration.tsx). */
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
  RadioGroup,
  SelectField,
  Stepper,
  TextField,
  errorFor,
  ResendCodeForm,
  CodeField,
} from '../components/form.js';
import { PasswordPair } from '../components/password.js';
import { CodeDeliveryStatus } from '../components/code-delivery.js';
import { RegistrationNotice, ReviewList, stepTitle } from './registration-views.js';
import { ui } from '../../phrases/ui.js';
import type { FieldError } from '../../errors/catalogue.js';
import type { CaptchaIssue } from '../../security/captcha-service.js';
import {
  ANSWER_LABELS,
  QUESTION_LABELS,
  keptAnswers,
  type RegistrationFlow,
} from '../../flows/registration/registration.js';
import {
  previousStep,
  registrationSteps,
  registrationStages,
  type RegistrationStep,
} from '../../flows/registration/steps.js';
import type { CodeDelivery } from '../../flows/sms-code.js';
import { SECURITY_QUESTIONS } from '../../domain/security-questions.js';
import type { PasswordReport } from '../../domain/password-policy.js';

export const base = '/registration';
export const stepUrl = (flowId: string, step: string) => `${base}/${step}?flow=${flowId}`;

export interface View {
  s: Services;
  flow: RegistrationFlow;
  step: RegistrationStep;
  values: Record<string, string>;
  errors: FieldError[];
  csrf: string;
  captcha?: CaptchaIssue;
  resendWaitSec?: number;
  delivery?: CodeDelivery | null;
  /** The server's verdict on a refused password, for the strength meter without JavaScript. */
  passwordReport?: PasswordReport;
}

const questionOptions = SECURITY_QUESTIONS.map((q) => ({ value: q.id, label: q.text }));

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
          <RegistrationNotice>
            <li>
              شماره همراه و ایمیل را با دقت وارد کنید: سازمان از راه همین‌ها با شما در ارتباط است و بازیابی گذرواژه با
              پیامک فقط به همین شماره ممکن است.
            </li>
            <li>اگر شماره همراهی به نام خود ندارید، برای ساخت حساب به نزدیک‌ترین شعبه مراجعه کنید.</li>
          </RegistrationNotice>
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
            hint="مانند ۰۹۱۲۱۲۳۴۵۶۷؛ شماره‌ای که به نام خود شماست."
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
      const change = { href: stepUrl(v.flow.id, 'identity'), label: 'تغییر کد ملی یا شماره همراه' };
      return (
        <Fragment>
          <CodeDeliveryStatus
            delivery={v.delivery ?? null}
            mobile={v.flow.data.identity?.mobile ?? ''}
            codeName={ui.otpCode}
            selfUrl={stepUrl(v.flow.id, v.step)}
            change={change}
            otherWay="اگر باز هم پیامکی نرسید، با شماره همراه دیگری که به نام خودتان است ثبت نام کنید یا برای ساخت حساب به نزدیک‌ترین شعبه مراجعه کنید."
          />
          <form method="post" action={stepUrl(v.flow.id, v.step)} novalidate autocomplete="off">
            <CsrfField token={v.csrf} />
            <CodeField label={ui.otpCode} value={val('code')} error={e('code')} />
            <Actions primary={ui.next} />
          </form>
          <ResendCodeForm action={stepUrl(v.flow.id, v.step)} csrf={v.csrf} waitSeconds={v.resendWaitSec ?? 0} />
          <p>
            <a href={change.href}>{change.label}</a>
          </p>
          {/* here the SMS comes first: the box follows the form */}
          <RegistrationNotice />
        </Fragment>
      );
    }
    case 'birth_certificate':
      return StepForm(
        v,
        <Fragment>
          <RegistrationNotice>
            <li>
              {foreign
                ? 'اطلاعات را دقیقا مطابق مدرک شناسایی اتباع خارجی (همان مدرکی که کد فیدا بر آن است) وارد کنید؛ با اطلاعات ثبت‌شده شما سنجیده می‌شود.'
                : 'اطلاعات را دقیقا مطابق شناسنامه وارد کنید؛ با پایگاه ثبت احوال سنجیده می‌شود.'}
            </li>
          </RegistrationNotice>
          {(['firstName', 'lastName', 'fatherName'] as const).map((k) => (
            <TextField name={k} label={ui[k]} value={val(k)} error={e(k)} required maxlength={60} />
          ))}
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
          <RegistrationNotice>
            <li>
              اگر در مکان عمومی (مانند کافی‌نت) ثبت نام می‌کنید و خانه‌ها از پیش پر شده‌اند، ثبت نام را ادامه ندهید.
            </li>
          </RegistrationNotice>
          <TextField
            name="email"
            label={ui.email}
            hint="اختیاری. اگر وارد می‌کنید، با دقت بنویسید: ایمیل یکی از راه‌های ارتباط سازمان با شماست."
            type="email"
            value={val('email')}
            error={e('email')}
            ltr
            inputmode="email"
            maxlength={254}
          />
        </Fragment>,
      );
    case 'password': {
      const held = v.flow.data.password;
      const kept = keptAnswers(
        v.flow.data,
        [1, 2, 3].map((i) => val(`question${i}`) ?? ''),
      );
      return StepForm(
        v,
        <Fragment>
          <RegistrationNotice>
            <li>اگر در مکان عمومی ثبت نام می‌کنید و خانه‌های گذرواژه از پیش پر شده‌اند، ثبت نام را ادامه ندهید.</li>
          </RegistrationNotice>
          <PasswordPair
            error={e('password')}
            repeatError={e('passwordRepeat')}
            keep={Boolean(held?.hash)}
            report={v.passwordReport}
          />
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
                  label={QUESTION_LABELS[i - 1]!}
                  options={questionOptions}
                  value={val(`question${i}`)}
                  error={e(`question${i}`)}
                  required
                />
                <TextField
                  name={`answer${i}`}
                  label={ANSWER_LABELS[i - 1]!}
                  hint={
                    kept[i - 1]
                      ? 'حداقل دو حرف. برای نگه داشتن پاسخی که پیش‌تر به همین پرسش دادید، خالی بگذارید.'
                      : 'حداقل دو حرف'
                  }
                  value={val(`answer${i}`)}
                  error={e(`answer${i}`)}
                  required={!kept[i - 1]}
                  maxlength={100}
                />
              </div>
            ))}
          </fieldset>
        </Fragment>,
      );
    }
    case 'review':
      return StepForm(
        v,
        <Fragment>
          <RegistrationNotice />
          <p>اطلاعات را بررسی کنید. اگر درست است «تایید و ارسال درخواست» را بزنید؛ وگرنه آن را ویرایش کنید.</p>
          <ReviewList data={v.flow.data} editUrl={(step) => stepUrl(v.flow.id, step)} />
        </Fragment>,
        'تایید و ارسال درخواست',
      );
  }
}

export function StepPage(v: View) {
  const stage = registrationSteps.find((x) => x.key === v.step)?.stage ?? 'identity';
  const kind = v.flow.data.personKind;
  const title = stepTitle(v.step, kind);
  return (
    <Layout title={`${ui.register}: ${title}`} devTools={v.s.config.devTools}>
      <h1>{`ثبت نام ${kind === 'foreign' ? 'اتباع خارجی' : 'اشخاص حقیقی'}`}</h1>
      <Stepper steps={registrationStages(kind)} current={stage} />
      <h2 class="step-title">{title}</h2>
      <ErrorSummary errors={v.errors} />
      {stepBody(v)}
    </Layout>
  );
}
