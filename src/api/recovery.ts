import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Services } from '../services.js';
import { captchaProofFields, flowOrError, sendError, sendFieldErrors, type ApiRegistry } from './define.js';
import type { StepOutcome } from '../flows/outcome.js';
import {
  RECOVERY_KIND,
  landingStep,
  recoveryCodeStatus,
  questionsClosed,
  recoveryQuestions,
  resendRecoveryCode,
  startRecovery,
  submitRecoveryStep,
  type RecoveryData,
  type RecoveryFlow,
} from '../flows/recovery/recovery.js';
import type { RecoveryStep } from '../flows/recovery/steps.js';
import { SECURITY_QUESTIONS } from '../domain/security-questions.js';

const text = (max = 200) => z.string().max(max);

/**
 * What an app sees of a recovery flow: the state and what may be done next, the same for every
 * national code: never the account's data, nor whether there is an account.
 */
async function view(s: Services, flow: RecoveryFlow) {
  const code = flow.state === 'code' ? recoveryCodeStatus(s, flow) : null;
  return {
    id: flow.id,
    kind: flow.kind,
    state: flow.state,
    expiresAt: flow.expiresAt.toISOString(),
    methods: { sms: true, questions: !(await questionsClosed(s, flow)) },
    questions:
      flow.state === 'questions'
        ? (await recoveryQuestions(s, flow)).map((id) => ({
            id,
            text: SECURITY_QUESTIONS.find((q) => q.id === id)?.text ?? id,
          }))
        : undefined,
    resendAvailableInSeconds: code ? Math.ceil(code.resendWaitMs / 1000) : undefined,
  };
}

/** JSON face of the password-recovery journey (the same step functions as the pages). */
export function registerRecoveryApi(api: ApiRegistry, s: Services) {
  const ip = (req: FastifyRequest) => req.ip || 'unknown';
  const withFlow = (reply: FastifyReply, id: string) => flowOrError<RecoveryData>(s, reply, id, RECOVERY_KIND);
  const answer = async (reply: FastifyReply, out: StepOutcome<RecoveryData>) =>
    out.ok
      ? reply.send({ flow: await view(s, out.flow) })
      : sendFieldErrors(reply, out.errors, { flow: await view(s, out.flow) });

  api.add({
    method: 'POST',
    path: '/api/v1/recovery',
    summary: 'Start password recovery with a national code (or FIDA) and a captcha',
    tag: 'recovery',
    body: z.object({ nationalCode: text(20), ...captchaProofFields }),
    responses: { 201: 'Flow created (for every well-formed national code)', 400: 'Field errors' },
    handler: async (req, reply, body) => {
      const out = await startRecovery(s, body, { ip: ip(req) });
      if (!out.ok) return sendFieldErrors(reply, out.errors);
      return reply.code(201).send({ flow: await view(s, out.flow) });
    },
  });

  api.add({
    method: 'GET',
    path: '/api/v1/recovery/{flowId}',
    summary: 'Read a recovery flow (state, open methods, the questions to answer)',
    tag: 'recovery',
    responses: { 200: 'The flow', 404: 'No such flow', 410: 'Expired' },
    handler: async (req, reply) => {
      const flow = await withFlow(reply, (req.params as { flowId: string }).flowId);
      if (!flow) return reply;
      return reply.send({ flow: await view(s, flow) });
    },
  });

  const stepBodies = {
    method: z.object({ method: z.enum(['sms', 'questions']) }),
    code: z.object({ code: text(10) }),
    questions: z.object({ answer1: text(100), answer2: text(100), answer3: text(100) }),
    new_password: z.object({ password: text(128), passwordRepeat: text(128) }),
  } satisfies Partial<Record<RecoveryStep, z.ZodType>>;

  for (const [step, body] of Object.entries(stepBodies) as [RecoveryStep, z.ZodType][]) {
    api.add({
      method: 'POST',
      path: `/api/v1/recovery/{flowId}/${step}`,
      summary: `Recovery step: ${step}`,
      tag: 'recovery',
      body,
      responses: {
        200: 'Step accepted',
        400: 'Field errors',
        409: 'Wrong step or conflict',
        410: 'Expired',
        429: 'Too many attempts',
      },
      handler: async (req, reply, body) => {
        const flow = await withFlow(reply, (req.params as { flowId: string }).flowId);
        if (!flow) return reply;
        if (landingStep(flow, step) !== step) return sendError(reply, 'flow.wrong_step', {}, 409);
        const input = body as Record<string, string | undefined>;
        return answer(reply, await submitRecoveryStep(s, flow, step, input, { ip: ip(req) }));
      },
    });
  }

  api.add({
    method: 'POST',
    path: '/api/v1/recovery/{flowId}/code/resend',
    summary: 'Send a new recovery code (after the cooldown)',
    tag: 'recovery',
    responses: { 200: 'Sent', 409: 'Wrong step', 429: 'Too soon or too many' },
    handler: async (req, reply) => {
      const flow = await withFlow(reply, (req.params as { flowId: string }).flowId);
      if (!flow) return reply;
      return answer(reply, await resendRecoveryCode(s, flow, { ip: ip(req) }));
    },
  });
}
