import type { Services } from '../../services.js';
import { AppError, type FieldError } from '../../errors/catalogue.js';
import { captchaError, captchaOffered, fieldError, minutesCeil, str, wholeHours, type Input } from '../outcome.js';
import { normalizeDigits, stripSeparators } from '../../domain/digits.js';
import { validateNationalCode } from '../../domain/national-code.js';
import { validateFidaCode } from '../../domain/fida.js';
import { findAccountByNationalCode, loginFailureKey } from '../../identity/accounts.js';

/** The registration request still being checked for a national code, if any (and not past its deadline). */
async function pendingRequest(s: Services, nationalCode: string) {
  return s.db
    .selectFrom('registration_requests')
    .select('password_hash')
    .where('national_code', '=', nationalCode)
    .where('status', '=', 'pending')
    .where('expires_at', '>', s.clock.now())
    .executeTakeFirst();
}

export interface LoginMeta {
  ip: string;
  userAgent?: string | undefined;
}

export type LoginResult =
  | { ok: true; token: string; sessionId: string; accountId: string; passwordExpired: boolean }
  | { ok: false; errors: FieldError[]; captchaRequired: boolean };

/** A username is a national code (10 digits) or a FIDA code (12 digits). */
export function parseUsername(raw: string): { ok: true; value: string } | { ok: false; error: FieldError } {
  const digits = stripSeparators(normalizeDigits(raw));
  if (digits.length === 12) {
    const f = validateFidaCode(digits);
    return f.ok ? f : { ok: false, error: fieldError('username', f.error) };
  }
  const n = validateNationalCode(digits);
  return n.ok ? n : { ok: false, error: fieldError('username', n.error) };
}

/**
 * One password login. Budgets: per IP (a flood guard only) and per username: once a username has
 * failed a few times, every login to it needs a captcha, whoever sends it. Nothing locks an
 * account, so an attacker who knows a national code cannot keep its owner out (the owner solves
 * the captcha). The answers never say whether an account exists.
 *
 * The login page always carries a challenge (the automatic check where JavaScript runs, else the
 * image), and a proof that came with the form is used whether or not the account needs one yet:
 * someone who answered the challenge they were shown is never sent back for a missing captcha,
 * even when other attempts pushed the account over the threshold meanwhile.
 */
export async function attemptLogin(s: Services, input: Input, meta: LoginMeta): Promise<LoginResult> {
  // refuse before any database work when the hash pool is spoken for: a refusal should cost nothing
  const release = s.hasher.admit();
  if (!release) throw new AppError('server.busy');
  try {
    return await checkLogin(s, input, meta);
  } finally {
    release();
  }
}

async function checkLogin(s: Services, input: Input, meta: LoginMeta): Promise<LoginResult> {
  const L = s.config.limits;
  const ipHit = await s.rates.chargeAll([
    { key: s.rates.key('login-ip', meta.ip), limit: L.loginPerIp, windowMs: L.loginIpWindowMs },
  ]);
  if (!ipHit.allowed) {
    return {
      ok: false,
      errors: [fieldError(null, 'login.rate_limited', { minutes: minutesCeil(ipHit.retryAfterMs) })],
      captchaRequired: true,
    };
  }
  const username = parseUsername(str(input, 'username'));
  const password = input.password ?? '';
  const errors: FieldError[] = [];
  if (!username.ok) errors.push(username.error);
  if (!password) errors.push(fieldError('password', 'password.required'));
  if (!username.ok) return { ok: false, errors, captchaRequired: false };

  const key = loginFailureKey(username.value, s);
  const failures = { key, limit: L.loginCaptchaAfter, windowMs: L.loginFailureWindowMs };
  const captchaRequired = (await s.rates.peek(key)) >= L.loginCaptchaAfter;
  // a proof offered is used up now, needed or not (each is good for one password check)
  const offered = captchaOffered(input);
  const captcha = offered ? await captchaError(s.captcha, input) : null;
  if (captchaRequired && captcha) errors.push(captcha);
  else if (captchaRequired && !offered) errors.push(fieldError('captcha', 'captcha.now_required'));
  if (errors.length) return { ok: false, errors, captchaRequired };

  // The attempt is counted as a failure BEFORE the slow password check (and forgiven when right):
  // however many arrive at once, on however many nodes, only loginCaptchaAfter of them are checked
  // without a proof, and each proof is good for one check.
  if (offered && !captcha) {
    await s.rates.hit(key, Number.MAX_SAFE_INTEGER, L.loginFailureWindowMs);
  } else {
    const reserved = await s.rates.chargeAll([failures]);
    if (!reserved.allowed) {
      const error = captcha ?? fieldError('captcha', 'captcha.now_required');
      return { ok: false, errors: [error], captchaRequired: true };
    }
  }

  const account = await findAccountByNationalCode(s.db, username.value);
  // No account yet but a registration request under review: its password is the one to check, so
  // the person who sent it hears "being checked", and nobody else learns that a request exists.
  // Exactly one argon2 check whichever way it goes, so the timing tells nothing either.
  const request = account ? undefined : await pendingRequest(s, username.value);
  const good = account
    ? await s.hasher.verify(account.password_hash, password)
    : request
      ? await s.hasher.verify(request.password_hash, password)
      : await s.hasher.verifyAgainstNothing(password);
  if (!account && request && good) {
    await s.rates.reset(key);
    return {
      ok: false,
      errors: [fieldError(null, 'login.request_pending', { hours: wholeHours(L.registrationPendingMs) })],
      captchaRequired: false,
    };
  }
  if (!account || !good) {
    if (account) {
      await s.db
        .insertInto('sign_ins')
        .values({
          account_id: account.id,
          at: s.clock.now(),
          ip: meta.ip,
          user_agent: meta.userAgent ?? null,
          outcome: 'wrong_password',
        })
        .execute();
    }
    return {
      ok: false,
      errors: [fieldError(null, 'login.invalid_credentials')],
      captchaRequired: (await s.rates.peek(key)) >= L.loginCaptchaAfter,
    };
  }
  if (account.status === 'pending_branch_visit')
    return { ok: false, errors: [fieldError(null, 'login.pending_branch_visit')], captchaRequired };
  if (account.status === 'disabled')
    return { ok: false, errors: [fieldError(null, 'login.disabled')], captchaRequired };

  await s.rates.reset(key);
  const session = await s.db.transaction().execute(async (trx) => {
    const created = await s.sessions.create(trx, account.id, meta);
    await trx
      .insertInto('sign_ins')
      .values({
        account_id: account.id,
        at: s.clock.now(),
        ip: meta.ip,
        user_agent: meta.userAgent ?? null,
        outcome: 'success',
      })
      .execute();
    return created;
  });
  return {
    ok: true,
    token: session.token,
    sessionId: session.id,
    accountId: account.id,
    passwordExpired: account.password_expired,
  };
}
