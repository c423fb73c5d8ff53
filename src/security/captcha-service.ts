import type { Database } from '../db/database.js';
import type { Clock } from '../clock.js';
import { addMs } from '../clock.js';
import type { CaptchaGenerator } from '../registries/captcha/port.js';
import { normalizeDigits, stripSeparators } from '../domain/digits.js';
import { hmac, safeEqualHex } from './hmac.js';
import { clientNetwork, type RateLimiter } from './rate-limit.js';
import type { AltchaOffer, AltchaProofs, AltchaVerdict } from './altcha.js';

/**
 * A new image challenge (and, for pages, the automatic check that stands in for it where
 * JavaScript runs), or how long until this client's network may have one again.
 */
export type CaptchaIssue =
  { ok: true; id: string; altcha?: AltchaOffer | undefined } | { ok: false; retryAfterMs: number };
export type AltchaIssue = ({ ok: true } & AltchaOffer) | { ok: false; retryAfterMs: number };

/**
 * What a person typed for the image, as compared: Persian (۰-۹) or Arabic-Indic (٠-٩) digits and
 * full-width ones become ASCII; spaces, dashes, ZWNJ and the bidi marks phone keyboards insert go.
 */
export function normalizeCaptchaAnswer(answer: string): string {
  return stripSeparators(normalizeDigits(answer.normalize('NFKC')));
}

export interface CaptchaBudget {
  perIp: number;
  windowMs: number;
}

/**
 * Self-hosted captcha: the image is drawn here, its answer kept only as an HMAC in PostgreSQL,
 * and each challenge can be checked once (right or wrong) on any node.
 */
export class CaptchaService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly secret: string,
    private readonly generator: CaptchaGenerator,
    private readonly ttlMs: number,
    private readonly rates: RateLimiter,
    private readonly budget: CaptchaBudget,
    private readonly altcha: AltchaProofs,
  ) {}

  /** One unit of this client network's budget; every kind of challenge is paid for here. */
  private async charge(clientIp: string): Promise<{ allowed: boolean; retryAfterMs: number }> {
    const key = this.rates.key('captcha-ip', clientNetwork(clientIp));
    return this.rates.hit(key, this.budget.perIp, this.budget.windowMs);
  }

  /**
   * Every page, refresh and API call gets its captcha here, so this is where it is paid for.
   * Charged before drawing: a refused request costs neither an image nor a row. `altcha` adds
   * the automatic check a page offers in place of the image, for the same unit.
   */
  async issue(clientIp: string, opts: { altcha?: boolean } = {}): Promise<CaptchaIssue> {
    const hit = await this.charge(clientIp);
    if (!hit.allowed) return { ok: false, retryAfterMs: hit.retryAfterMs };
    const { answer, svg } = this.generator.generate();
    const row = await this.db
      .insertInto('captchas')
      .values({
        answer_hmac: hmac(this.secret, 'captcha', answer),
        svg,
        expires_at: addMs(this.clock.now(), this.ttlMs),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { ok: true, id: row.id, altcha: opts.altcha ? await this.altcha.create() : undefined };
  }

  /** The automatic check alone (API clients, and pages renewing one before it expires). */
  async issueAltcha(clientIp: string): Promise<AltchaIssue> {
    const hit = await this.charge(clientIp);
    if (!hit.allowed) return { ok: false, retryAfterMs: hit.retryAfterMs };
    return { ok: true, ...(await this.altcha.create()) };
  }

  /** Checks a solved automatic challenge and uses it up: good once, on any node. */
  checkAltcha(payload: unknown): Promise<AltchaVerdict> {
    return this.altcha.verify(payload);
  }

  async image(id: string): Promise<string | null> {
    if (!isUuid(id)) return null;
    const row = await this.db
      .selectFrom('captchas')
      .select(['svg', 'expires_at', 'used_at'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row || row.used_at || row.expires_at <= this.clock.now()) return null;
    return row.svg;
  }

  /** Uses the challenge up (whatever the answer) and tells whether the answer was right. */
  async check(id: unknown, answer: unknown): Promise<boolean> {
    if (typeof id !== 'string' || !isUuid(id) || typeof answer !== 'string') return false;
    const now = this.clock.now();
    const row = await this.db
      .updateTable('captchas')
      .set({ used_at: now })
      .where('id', '=', id)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .returning('answer_hmac')
      .executeTakeFirst();
    if (!row) return false;
    const given = normalizeCaptchaAnswer(answer);
    return safeEqualHex(row.answer_hmac, hmac(this.secret, 'captcha', given));
  }
}

export function isUuid(s: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);
}
