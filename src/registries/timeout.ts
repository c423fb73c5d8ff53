/**
 * Timing helpers shared by the registry adapters and simulators.
 */

/**
 * Settles with `p`, or with `onTimeout()` if `p` has not settled after `ms` milliseconds.
 * The timer is cleared as soon as either side wins, so a fast answer leaves nothing behind.
 * The timer is an ordinary (ref'd) one: it keeps the process alive for at most `ms`.
 * A rejection of `p` before the deadline is passed through unchanged.
 */
export function withTimeout<T>(p: Promise<T>, ms: number, onTimeout: () => T): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let done = false;
    const timer = setTimeout(
      () => {
        if (done) return;
        done = true;
        try {
          resolve(onTimeout());
        } catch (err) {
          reject(err);
        }
      },
      Math.max(0, ms),
    );
    p.then(
      (value) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        resolve(value);
      },
      (err: unknown) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}

/**
 * Resolves after `ms` milliseconds using a timer that does NOT keep the process alive (`unref`).
 * The simulators use it for their deliberately slow answers: a caller that gave up (see
 * {@link withTimeout}) must not hold the process open until the simulated answer arrives.
 */
export function unrefSleep(ms: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, Math.max(0, ms));
    timer.unref();
  });
}

/** True when `err` is the abort caused by `AbortSignal.timeout()` (or a manual abort). */
export function isAbortOrTimeout(err: unknown): 'timeout' | 'abort' | null {
  if (typeof err !== 'object' || err === null) return null;
  const name = (err as { name?: unknown }).name;
  if (name === 'TimeoutError') return 'timeout';
  if (name === 'AbortError') return 'abort';
  return null;
}
