import type { Executor } from '../db/database.js';
import type { Clock } from '../clock.js';

/** Appends to the audit trail. Detail must never hold a password, code or full national code. */
export async function audit(
  db: Executor,
  clock: Clock,
  entry: { actor: string; action: string; accountId?: string | null; detail?: Record<string, unknown> },
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: clock.now(),
      actor: entry.actor,
      action: entry.action,
      account_id: entry.accountId ?? null,
      detail: JSON.stringify(entry.detail ?? {}),
    })
    .execute();
}
