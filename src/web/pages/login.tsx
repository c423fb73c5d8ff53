import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from '../jsx.js';
import type { Services } from '../../services.js';
import type { Metrics } from '../../metrics.js';
import { Layout } from '../components/layout.js';
import { Captcha } from '../components/captcha.js';
import {
  Actions,
  CsrfField,
  DefaultSubmit,
  ErrorSummary,
  NationalOrFidaField,
  Notice,
  TextField,
  errorFor,
} from '../components/form.js';
import { ui } from '../../phrases/ui.js';
import type { FieldError } from '../../errors/catalogue.js';
import type { CaptchaIssue } from '../../security/captcha-service.js';
import { attemptLogin } from '../../flows/login/login.js';
import { clientIp, csrfToken, csrfValid, formBody, rotateCsrf, seeOther, sendHtml, userAgent } from '../http.js';
import { clearSessionCookie, currentSession, safeNext, setSessionCookie } from '../session.js';

function LoginPage(p: {
  s: Services;
  csrf: string;
  next: string;
  username?: string | undefined;
  errors: FieldError[];
  captcha: CaptchaIssue;
  notice?: string | undefined;
}) {
  return (
    <Layout title={ui.loginTitle} devTools={p.s.config.devTools}>
      <h1>{ui.loginTitle}</h1>
      {p.notice ? (
        <Notice kind="success">
          <p>{p.notice}</p>
        </Notice>
      ) : null}
      <ErrorSummary errors={p.errors} />
      <form method="post" action={`/login?next=${encodeURIComponent(p.next)}`} novalidate>
        <CsrfField token={p.csrf} />
        <DefaultSubmit label={ui.loginButton} />
        <NationalOrFidaField
          name="username"
          hint="نام کاربری شما کد ملی (یا کد فیدا) است."
          value={p.username}
          error={errorFor(p.errors, 'username')}
        />
        <TextField
          name="password"
          label={ui.password}
          type="password"
          ltr
          autocomplete="current-password"
          required
          error={errorFor(p.errors, 'password')}
        />
        <Captcha captcha={p.captcha} error={errorFor(p.errors, 'captcha')} />
        <Actions primary={ui.loginButton} />
      </form>
      <p>
        گذرواژه را فراموش کرده‌اید؟ <a href="/recovery">{ui.recovery}</a>
      </p>
      <p>
        حساب کاربری ندارید؟ <a href="/registration">{ui.register}</a>
      </p>
    </Layout>
  );
}

export function registerLoginPages(app: FastifyInstance, s: Services, metrics: Metrics) {
  const render = async (
    req: FastifyRequest,
    reply: FastifyReply,
    p: { next: string; username?: string; errors: FieldError[]; notice?: string },
    status = 200,
  ) =>
    sendHtml(
      reply,
      LoginPage({
        s,
        csrf: csrfToken(s, req, reply),
        next: p.next,
        username: p.username,
        errors: p.errors,
        // always a challenge, whether or not this account needs one yet: the automatic check where
        // JavaScript runs, the image otherwise, so nobody meets a captcha only after a refusal
        captcha: await s.captcha.issue(clientIp(req), { altcha: true }),
        notice: p.notice,
      }),
      status,
    );

  app.get<{ Querystring: { next?: string; done?: string } }>('/login', async (req, reply) => {
    const signed = await currentSession(s, req, reply);
    if (signed) return seeOther(reply, safeNext(req.query.next));
    const notice = req.query.done === 'logout' ? 'از حساب خود خارج شدید.' : undefined;
    return render(req, reply, { next: safeNext(req.query.next), errors: [], notice });
  });

  app.post<{ Querystring: { next?: string } }>('/login', async (req, reply) => {
    const body = formBody(req);
    const next = safeNext(req.query.next);
    const username = body.username;
    if (!csrfValid(s, req, body)) {
      return render(req, reply, { next, username, errors: [{ field: null, code: 'csrf.invalid' }] }, 403);
    }
    if (body._action === 'new_captcha') return render(req, reply, { next, username, errors: [] });
    const result = await attemptLogin(s, body, { ip: clientIp(req), userAgent: userAgent(req) });
    if (!result.ok) {
      metrics.logins.inc({ outcome: result.errors[0]?.code ?? 'error' });
      const status = result.errors.some((e) => e.code === 'login.locked' || e.code === 'login.rate_limited')
        ? 429
        : 400;
      return render(req, reply, { next, username, errors: result.errors }, status);
    }
    metrics.logins.inc({ outcome: 'success' });
    setSessionCookie(s, reply, result.token);
    rotateCsrf(s, req, reply);
    return seeOther(reply, result.passwordExpired ? '/account/password-expired' : next);
  });

  app.post('/logout', async (req, reply) => {
    const body = formBody(req);
    const signed = await currentSession(s, req, reply);
    if (signed && csrfValid(s, req, body)) await s.sessions.revoke(signed.sessionId);
    else if (signed) return seeOther(reply, '/account');
    clearSessionCookie(s, reply);
    return seeOther(reply, '/login?done=logout');
  });
}
