import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { sendFlowLost } from './common.js';
import { ChooseKindPage, StatusPage } from './registration-views.js';
import { StepPage, base, stepUrl, type View } from './registration-steps.js';
import { ui } from '../../phrases/ui.js';
import { formatMessage } from '../../phrases/fa.js';
import type { FieldError } from '../../errors/catalogue.js';
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
import { isStep, previousStep, type RegistrationStep } from '../../flows/registration/steps.js';
import { codeDelivery, resendWaitMs } from '../../flows/sms-code.js';
import { passwordReport } from '../../domain/password-policy.js';
import { clientIp, keptInput, csrfToken, csrfValid, formBody, seeOther, sendHtml } from '../http.js';
import type { StepOutcome } from '../../flows/outcome.js';

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
    case 'password': {
      const q = data.password?.questions ?? [];
      return Object.fromEntries(q.map((x, i) => [`question${i + 1}`, x.questionId]));
    }
    default:
      return {};
  }
}

export function registerRegistrationPages(app: FastifyInstance, s: Services) {
  const render = async (
    req: FastifyRequest,
    reply: FastifyReply,
    flow: RegistrationFlow,
    step: RegistrationStep,
    values: Record<string, string>,
    errors: FieldError[],
    /** The raw form, when a refused password should be reported on (never echoed back). */
    typed?: Record<string, string | undefined>,
  ) => {
    const v: View = { s, flow, step, values, errors, csrf: csrfToken(s, req, reply) };
    if (step === 'identity') v.captcha = await s.captcha.issue(clientIp(req), { altcha: true });
    if (step === 'verify_mobile') {
      v.resendWaitSec = Math.ceil((await resendWaitMs(s, s.db, flow.id, 'registration')) / 1000);
      v.delivery = await codeDelivery(s, s.db, flow.id, 'registration');
    }
    if (step === 'password' && typed?.password) {
      v.passwordReport = passwordReport(typed.password, {
        firstName: flow.data.birth?.firstName,
        lastName: flow.data.birth?.lastName,
        nationalCode: flow.data.identity?.nationalCode,
      });
    }
    return sendHtml(reply, StepPage(v), errors.length ? 400 : 200);
  };

  const lost = (reply: FastifyReply, reason: 'not_found' | 'expired') =>
    sendFlowLost(s, reply, reason, { title: ui.register, startUrl: base });

  app.get(base, async (req, reply) =>
    sendHtml(reply, ChooseKindPage({ s, action: base, csrf: csrfToken(s, req, reply) })),
  );

  app.post(base, async (req, reply) => {
    const body = formBody(req);
    if (!csrfValid(s, req, body)) {
      return sendHtml(
        reply,
        ChooseKindPage({ s, action: base, csrf: csrfToken(s, req, reply), error: formatMessage('csrf.invalid') }),
        403,
      );
    }
    const kind = body.personKind;
    if (kind !== 'iranian' && kind !== 'foreign') {
      return sendHtml(
        reply,
        ChooseKindPage({
          s,
          action: base,
          csrf: csrfToken(s, req, reply),
          error: formatMessage('person_kind.required'),
        }),
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
      return sendHtml(
        reply,
        StatusPage({
          s,
          statusUrl: stepUrl(flow.id, 'submitted'),
          status: st?.status ?? null,
          submittedAt: st?.submittedAt,
        }),
      );
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
    const passwordRefused = errors.some((x) => x.field === 'password' && x.code !== 'password.required');
    return render(req, reply, flow, step, kept, errors, passwordRefused ? body : undefined);
  });
}
