import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h, Fragment } from '../jsx.js';
import type { Services } from '../../services.js';
import { Layout } from '../components/layout.js';
import { Captcha } from '../components/captcha.js';
import {
  Actions,
  CsrfField,
  ErrorSummary,
  Notice,
  RadioGroup,
  Stepper,
  TextField,
  errorFor,
  ResendCodeForm,
  CodeField,
} from '../components/form.js';
import { PasswordPair } from '../components/password.js';
import { sendFlowLost } from './common.js';
import { ui } from '../../phrases/ui.js';
import type { FieldError } from '../../errors/catalogue.js';
import type { CaptchaIssue } from '../../security/captcha-service.js';
import { loadFlow } from '../../flows/store.js';
import {
  RECOVERY_KIND,
  goBack,
  landingStep,
  recoveryCodeStatus,
  recoveryQuestions,
  resendRecoveryCode,
  startRecovery,
  submitRecoveryStep,
  type RecoveryData,
  type RecoveryFlow,
} from '../../flows/recovery/recovery.js';
import { isStep, previousStep, recoveryStages, stageOf, type RecoveryStep } from '../../flows/recovery/steps.js';
import { SECURITY_QUESTIONS } from '../../domain/security-questions.js';
import { passwordReport, type PasswordReport } from '../../domain/password-policy.js';
import { clientIp, keptInput, csrfToken, csrfValid, formBody, seeOther, sendHtml } from '../http.js';
import type { StepOutcome } from '../../flows/outcome.js';

const base = '/recovery';
const stepUrl = (flowId: string, step: string) => `${base}/${step}?flow=${flowId}`;

const titles: Record<RecoveryStep, string> = {
  identify: 'کد ملی / کد فیدا',
  method: 'روش بازنشانی گذرواژه',
  code: 'درج کد',
  questions: 'سوالات امنیتی',
  new_password: 'گذرواژه جدید',
};

interface View {
  s: Services;
  /** Null on the first page, before any flow exists. */
  flow: RecoveryFlow | null;
  step: RecoveryStep;
  values: Record<string, string>;
  errors: FieldError[];
  csrf: string;
  captcha?: CaptchaIssue;
  code?: { resendWaitSec: number };
  questions?: string[];
  /** The server's verdict on a refused new password (the strength meter without JavaScript). */
  passwordReport?: PasswordReport;
}

const actionOf = (v: View) => (v.flow ? stepUrl(v.flow.id, v.step) : base);

function BackButton(p: { step: RecoveryStep }) {
  return previousStep(p.step) ? (
    <button type="submit" name="_action" value="back" class="button button--secondary" formnovalidate>
      {ui.previous}
    </button>
  ) : null;
}

function StepForm(v: View, children: JSX.Element, primary: string = ui.next) {
  return (
    <form method="post" action={actionOf(v)} novalidate autocomplete="off">
      <CsrfField token={v.csrf} />
      {children}
      <div class="actions">
        <button type="submit" class="button">
          {primary}
        </button>
        <BackButton step={v.step} />
      </div>
    </form>
  );
}

const Intro = () => (
  <Notice kind="info" title="کاربر گرامی">
    <p>
      اگر گذرواژه خود را فراموش کرده‌اید، در این بخش می‌توانید با کدی که به شماره همراه ثبت‌شده در حسابتان پیامک می‌شود
      یا با پاسخ سوالات امنیتی، گذرواژه جدیدی تعیین کنید.
    </p>
  </Notice>
);

function stepBody(v: View): JSX.Element {
  const e = (name: string) => errorFor(v.errors, name);
  const val = (name: string) => v.values[name];
  switch (v.step) {
    case 'identify':
      return StepForm(
        v,
        <Fragment>
          <Intro />
          <TextField
            name="nationalCode"
            label={ui.nationalOrFida}
            hint="کد ملی ۱۰ رقمی، یا کد فیدای ۱۲ رقمی برای اتباع خارجی"
            value={val('nationalCode')}
            error={e('nationalCode')}
            ltr
            inputmode="numeric"
            autocomplete="username"
            maxlength={16}
            required
            extra={{ 'data-digits': true }}
          />
          <Captcha captcha={v.captcha} error={e('captcha')} />
        </Fragment>,
      );
    case 'method':
      // the same page for every national code: it shows nothing of the account (mobile, questions, status)
      return StepForm(
        v,
        <Fragment>
          <RadioGroup
            name="method"
            legend={ui.recoveryMethodLegend}
            required
            value={val('method') ?? v.flow?.data.method}
            error={e('method')}
            options={[
              { value: 'sms', label: ui.recoveryBySms },
              { value: 'questions', label: ui.recoveryByQuestions },
            ]}
          />
          <p class="hint">با پیامک، کد ۶ رقمی به شماره همراهی فرستاده می‌شود که در حساب شما ثبت است.</p>
          <Notice kind="info">
            <p>اگر بازیابی با هیچ‌یک از این دو روش ممکن نبود، برای بازیابی گذرواژه به نزدیک‌ترین شعبه مراجعه کنید.</p>
          </Notice>
        </Fragment>,
      );
    case 'code': {
      const flowId = v.flow!.id;
      const minutes = Math.round(v.s.config.limits.recoveryOtpTtlMs / 60_000);
      return (
        <Fragment>
          <p class="lead">
            اگر برای این کد ملی حسابی با شماره همراه ثبت شده باشد، {ui.verificationCode} ۶ رقمی به آن شماره پیامک
            می‌شود. آن را وارد کنید؛ این کد {ui.digits(String(minutes))} دقیقه معتبر است.
          </p>
          {/* the same for every national code: whether an SMS went, or failed, is never shown here */}
          <Notice kind="info" title="اگر پیامک نرسید">
            <ul data-recovery="no-sms-advice">
              <li>چند لحظه صبر کنید؛ سپس با «{ui.resendCode}» کد تازه بخواهید.</li>
              <li>
                شاید شماره همراهی در حساب شما ثبت نشده باشد، آن شماره دیگر در دسترس شما نباشد یا پیامک به آن نرسد: از
                «مرحله قبل» روش سوالات امنیتی را برگزینید.
              </li>
              <li>اگر هیچ‌یک ممکن نبود، برای بازیابی گذرواژه با مدارک هویتی به نزدیک‌ترین شعبه مراجعه کنید.</li>
            </ul>
            <p class="muted">
              برای حفظ امنیت حساب‌ها، این صفحه نشان نمی‌دهد که برای این کد ملی پیامکی فرستاده شده است یا نه.
            </p>
          </Notice>
          <form method="post" action={stepUrl(flowId, 'code')} novalidate autocomplete="off">
            <CsrfField token={v.csrf} />
            <CodeField label={ui.verificationCode} value={val('code')} error={e('code')} />
            <Actions primary={ui.next}>
              <BackButton step="code" />
            </Actions>
          </form>
          <ResendCodeForm action={stepUrl(flowId, 'code')} csrf={v.csrf} waitSeconds={v.code?.resendWaitSec ?? 0} />
        </Fragment>
      );
    }
    case 'questions': {
      const ids = v.questions ?? [];
      return StepForm(
        v,
        <Fragment>
          <p>سوالات امنیتی‌ای را که هنگام ثبت نام برگزیدید پاسخ دهید؛ هر سه پاسخ باید درست باشد.</p>
          {ids.map((id, i) => (
            <fieldset class="question-pair">
              <legend>
                {ui.securityQuestionN(i + 1)} {SECURITY_QUESTIONS.find((q) => q.id === id)?.text ?? ''}
              </legend>
              <TextField
                name={`answer${i + 1}`}
                label={ui.securityAnswerN(i + 1)}
                value={undefined}
                error={e(`answer${i + 1}`)}
                required
                maxlength={100}
              />
            </fieldset>
          ))}
        </Fragment>,
      );
    }
    case 'new_password':
      return StepForm(
        v,
        <Fragment>
          <Notice kind="success">
            <p>
              {v.flow?.data.verified === 'questions' ? 'پاسخ سوالات امنیتی درست بود.' : 'کد احراز هویت درست بود.'} اکنون
              گذرواژه جدید را تعیین کنید.
            </p>
          </Notice>
          <PasswordPair
            label={ui.newPassword}
            repeatLabel={ui.repeatNewPassword}
            error={e('password')}
            repeatError={e('passwordRepeat')}
            report={v.passwordReport}
          />
          <p class="hint" data-recovery="back-note">
            با «{ui.previous}» به انتخاب روش بازیابی برمی‌گردید و تاییدی که انجام دادید کنار گذاشته می‌شود؛ برای تعیین
            گذرواژه جدید باید دوباره کد یا پاسخ سوالات امنیتی را وارد کنید.
          </p>
        </Fragment>,
        ui.saveNewPassword,
      );
  }
}

function StepPage(v: View) {
  return (
    <Layout title={`${ui.recovery}: ${titles[v.step]}`} devTools={v.s.config.devTools}>
      <h1>{ui.recovery}</h1>
      <Stepper steps={recoveryStages(v.flow?.data.method)} current={stageOf(v.step)} />
      <h2 class="step-title">{titles[v.step]}</h2>
      <ErrorSummary errors={v.errors} />
      {stepBody(v)}
    </Layout>
  );
}

function DonePage(p: { s: Services }) {
  return (
    <Layout title={`${ui.recovery}: گذرواژه تغییر کرد`} devTools={p.s.config.devTools}>
      <h1>{ui.recovery}</h1>
      <Notice kind="success" title="پیام سیستم">
        <p data-recovery="done">
          گذرواژه شما با موفقیت تغییر کرد و همه نشست‌های پیشین بسته شد. اکنون با گذرواژه جدید وارد شوید.
        </p>
      </Notice>
      <p>
        <a class="button" href="/login">
          {ui.login}
        </a>
      </p>
    </Layout>
  );
}

export function registerRecoveryPages(app: FastifyInstance, s: Services) {
  const render = async (
    req: FastifyRequest,
    reply: FastifyReply,
    flow: RecoveryFlow | null,
    step: RecoveryStep,
    values: Record<string, string>,
    errors: FieldError[],
    /** A refused new password, reported on (strength, every rule broken), never echoed back. */
    refusedPassword?: string,
  ) => {
    const v: View = { s, flow, step, values, errors, csrf: csrfToken(s, req, reply) };
    if (refusedPassword) v.passwordReport = passwordReport(refusedPassword);
    if (step === 'identify') v.captcha = await s.captcha.issue(clientIp(req), { altcha: true });
    if (flow && step === 'code') {
      const st = recoveryCodeStatus(s, flow);
      v.code = { resendWaitSec: Math.ceil(st.resendWaitMs / 1000) };
    }
    if (flow && step === 'questions') v.questions = await recoveryQuestions(s, flow);
    return sendHtml(reply, StepPage(v), errors.length ? 400 : 200);
  };

  const lost = (reply: FastifyReply, reason: 'not_found' | 'expired') =>
    sendFlowLost(s, reply, reason, { title: ui.recovery, startUrl: base });

  const savedValues = (flow: RecoveryFlow, step: RecoveryStep): Record<string, string> =>
    step === 'identify' ? { nationalCode: flow.data.nationalCode } : {};

  app.get(base, async (req, reply) => render(req, reply, null, 'identify', {}, []));

  app.post(base, async (req, reply) => {
    const body = formBody(req);
    const kept = keptInput(body, /password|captcha|altcha|answer/i);
    if (!csrfValid(s, req, body))
      return render(req, reply, null, 'identify', kept, [{ field: null, code: 'csrf.invalid' }]);
    if (body._action === 'new_captcha') return render(req, reply, null, 'identify', kept, []);
    const out = await startRecovery(s, body, { ip: clientIp(req) });
    if (out.ok) return seeOther(reply, stepUrl(out.flow.id, out.flow.state));
    return render(req, reply, null, 'identify', kept, out.errors);
  });

  app.get<{ Params: { step: string }; Querystring: { flow?: string } }>(`${base}/:step`, async (req, reply) => {
    if (!req.query.flow) return seeOther(reply, base);
    const loaded = await loadFlow<RecoveryData>(s.db, s.clock, req.query.flow, RECOVERY_KIND);
    if (!loaded.ok) return lost(reply, loaded.reason);
    const flow = loaded.flow;
    const landing = landingStep(flow, req.params.step);
    if (landing !== req.params.step) return seeOther(reply, stepUrl(flow.id, landing));
    if (landing === 'done') return sendHtml(reply, DonePage({ s }));
    return render(req, reply, flow, landing, savedValues(flow, landing), []);
  });

  app.post<{ Params: { step: string }; Querystring: { flow?: string } }>(`${base}/:step`, async (req, reply) => {
    if (!req.query.flow) return seeOther(reply, base);
    const body = formBody(req);
    const loaded = await loadFlow<RecoveryData>(s.db, s.clock, req.query.flow, RECOVERY_KIND);
    if (!loaded.ok) return lost(reply, loaded.reason);
    const flow = loaded.flow;
    const step = req.params.step;
    if (!isStep(step) || landingStep(flow, step) !== step)
      return seeOther(reply, stepUrl(flow.id, landingStep(flow, step)));
    const kept = keptInput(body, /password|captcha|altcha|answer/i);
    if (!csrfValid(s, req, body)) return render(req, reply, flow, step, kept, [{ field: null, code: 'csrf.invalid' }]);

    const action = body._action;
    if (action === 'new_captcha') return render(req, reply, flow, step, kept, []);
    const meta = { ip: clientIp(req) };
    let out: StepOutcome<RecoveryData>;
    if (action === 'back') {
      if (!previousStep(step)) return seeOther(reply, stepUrl(flow.id, step));
      out = await goBack(s, flow, step);
    } else if (action === 'resend') {
      out = await resendRecoveryCode(s, flow, meta);
      if (out.ok) return seeOther(reply, stepUrl(flow.id, 'code'));
    } else {
      out = await submitRecoveryStep(s, flow, step, body, meta);
    }
    if (out.ok) return seeOther(reply, stepUrl(out.flow.id, out.flow.state));
    if (!out.ok) {
      // another tab or node moved the flow while this request ran: follow it rather than show a stale error
      const fresh = await loadFlow<RecoveryData>(s.db, s.clock, flow.id, RECOVERY_KIND);
      if (!fresh.ok) return lost(reply, fresh.reason);
      const moved = fresh.flow.version !== flow.version;
      if (moved || out.errors.some((e) => e.code === 'flow.conflict' || e.code === 'flow.wrong_step')) {
        return seeOther(reply, stepUrl(flow.id, fresh.flow.state));
      }
    }
    const refused = step === 'new_password' && out.errors.some((x) => x.field === 'password') ? body.password : '';
    return render(req, reply, flow, step, kept, out.errors, refused);
  });
}
