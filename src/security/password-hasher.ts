import { hash, verify } from '@node-rs/argon2';
import { AppError } from '../errors/catalogue.js';

/** OWASP's argon2id baseline: 19 MiB, t=2, p=1. */
export const ARGON2_OPTIONS = {
  algorithm: 2 /* Algorithm.Argon2id (a const enum) */,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
} as const;

/**
 * Hashes on libuv's thread pool (never the event loop), at most `concurrency` at a time, with a
 * bounded queue in front: when it is full the caller gets server.busy (503 + Retry-After) instead of
 * the process growing without bound under a login storm.
 */
export class PasswordHasher {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  private dummyHash: Promise<string> | null = null;

  constructor(
    private readonly concurrency: number,
    private readonly maxQueue: number,
  ) {}

  private admitted = 0;

  /**
   * Takes a place for a request that will hash soon (a login), before its database work; null when
   * the pool and queue are spoken for, so a refusal costs nothing. Call the returned function when done.
   */
  admit(): (() => void) | null {
    if (this.admitted >= this.concurrency + this.maxQueue) return null;
    this.admitted++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.admitted--;
    };
  }

  get queueLength() {
    return this.waiting.length;
  }

  private async slot<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.concurrency) {
      if (this.waiting.length >= this.maxQueue) throw new AppError('server.busy');
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.active++;
    }
    try {
      return await fn();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }

  hash(secret: string): Promise<string> {
    return this.slot(() => hash(secret, ARGON2_OPTIONS));
  }

  async verify(encoded: string, secret: string): Promise<boolean> {
    return this.slot(async () => {
      try {
        return await verify(encoded, secret);
      } catch {
        return false;
      }
    });
  }

  /** Spends the same time as a real check, so an unknown account can't be told apart by timing. */
  async verifyAgainstNothing(secret: string): Promise<false> {
    this.dummyHash ??= hash('hoviyat-no-account', ARGON2_OPTIONS);
    await this.verify(await this.dummyHash, secret);
    return false;
  }
}
