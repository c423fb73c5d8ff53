/**
 * One call to the JSON inquiry gateway (docs/simulators.md, "HTTP gateway contract"), with the
 * contract's mapping of failures: 503 → outage, 504 → timeout, any other status or a 200 that
 * does not fit `schema` → error; no connection → outage; our own deadline → timeout; a malformed
 * base URL → error.
 */
import type { z } from 'zod';
import type { HttpGatewayOptions } from './civil-registry/http-gateway.js';
import { joinUrl, post } from './http.js';
import { unavailable, type Unavailable } from './result.js';

export type GatewayAnswer<T> = { ok: true; value: T } | { ok: false; unavailable: Unavailable };

export async function callGateway<T>(
  opts: HttpGatewayOptions,
  path: string,
  body: unknown,
  schema: z.ZodType<T>,
): Promise<GatewayAnswer<T>> {
  const fail = (reason: Unavailable['reason']): GatewayAnswer<T> => ({ ok: false, unavailable: unavailable(reason) });
  const out = await post({
    url: joinUrl(opts.baseUrl, path),
    headers: { authorization: `Bearer ${opts.token}` },
    body,
    timeoutMs: opts.timeoutMs ?? 5000,
  });
  if (out.kind === 'timeout') return fail('timeout');
  if (out.kind === 'network') return fail('outage');
  if (out.kind === 'invalid') return fail('error');
  if (out.status === 503) return fail('outage');
  if (out.status === 504) return fail('timeout');
  if (out.status !== 200) return fail('error');
  const parsed = schema.safeParse(out.body);
  return parsed.success ? { ok: true, value: parsed.data } : fail('error');
}
