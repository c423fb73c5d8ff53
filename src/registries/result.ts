/**
 * What every port answers when the system behind it cannot: a value, never an exception.
 */
import { withTimeout } from './timeout.js';

export type UnavailableReason = 'outage' | 'timeout' | 'error';
export type Unavailable = { status: 'unavailable'; reason: UnavailableReason };

export const unavailable = (reason: UnavailableReason): Unavailable => ({ status: 'unavailable', reason });

/**
 * `fn` with a deadline: an answer slower than `timeoutMs` becomes `unavailable/timeout` (what the
 * HTTP adapters do with their own deadline). Without `timeoutMs`, `fn` itself.
 */
export function bounded<A extends unknown[], R>(
  fn: (...args: A) => Promise<R>,
  timeoutMs: number | undefined,
): (...args: A) => Promise<R | Unavailable> {
  if (timeoutMs === undefined) return fn;
  return (...args) => withTimeout<R | Unavailable>(fn(...args), timeoutMs, () => unavailable('timeout'));
}
