import type { PGlite } from '@electric-sql/pglite';

/**
 * A pool-shaped wrapper so Kysely's PostgresDialect can drive PGlite.
 * PGlite is one session: clients are handed out one at a time (a queue), so a
 * transaction on one client never interleaves with statements from another.
 * Never await a non-transaction query while holding a transaction: it would wait forever.
 */
export class PGlitePool {
  private busy = false;
  private waiters: Array<() => void> = [];

  constructor(
    readonly db: PGlite,
    private readonly onEnd: () => void = () => {},
  ) {}

  async connect() {
    if (this.busy) await new Promise<void>((r) => this.waiters.push(r));
    this.busy = true;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      const next = this.waiters.shift();
      if (next) next();
      else this.busy = false;
    };
    const db = this.db;
    return {
      async query(sql: string, params?: readonly unknown[]) {
        // Parameterless text may hold several statements (migrations): the simple protocol runs them.
        const res =
          params && params.length > 0
            ? await db.query(sql, [...params])
            : ((await db.exec(sql)).at(-1) ?? { rows: [], affectedRows: 0 });
        const command = /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase() ?? '';
        return { command, rowCount: res.affectedRows ?? res.rows.length, rows: res.rows };
      },
      release,
    };
  }

  async end() {
    try {
      await this.db.close();
    } finally {
      this.onEnd();
    }
  }
}
