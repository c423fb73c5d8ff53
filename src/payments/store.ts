/**
 * The `payments` rows: insert, read, and the one way to change one — a conditional move from
 * named states, so that of two nodes (or a callback and a job) moving the same attempt only one
 * succeeds and the other sees what happened.
 */
import { randomBytes } from 'node:crypto';
import type { Updateable } from 'kysely';
import type { Executor } from '../db/database.js';
import type { PaymentState, PaymentsTable } from '../db/schema.js';
import { COUNTED, type PaymentRow, type PurposeRef } from './model.js';

export type PaymentChange = Omit<Updateable<PaymentsTable>, 'id' | 'updated_at' | 'state'> & { state?: PaymentState };

/** A 16-digit order number, random so that a rebuilt database never repeats one a gateway has seen. */
export function newOrderNumber(): number {
  const n = BigInt(`0x${randomBytes(8).toString('hex')}`) % 8_000_000_000_000_000n;
  return 1_000_000_000_000_000 + Number(n);
}

export async function insertPayment(
  db: Executor,
  row: Omit<PaymentRow, 'order_number' | 'updated_at'>,
): Promise<PaymentRow> {
  for (;;) {
    const inserted = await db
      .insertInto('payments')
      .values({ ...row, order_number: newOrderNumber(), updated_at: row.created_at })
      .onConflict((oc) => oc.column('order_number').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (inserted) return inserted;
  }
}

export function loadPayment(db: Executor, id: string): Promise<PaymentRow | undefined> {
  return db.selectFrom('payments').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Moves a payment only if it is still in one of `from`; undefined when it was not. */
export function movePayment(
  db: Executor,
  id: string,
  from: readonly PaymentState[],
  change: PaymentChange,
  now: Date,
): Promise<PaymentRow | undefined> {
  return db
    .updateTable('payments')
    .set({ ...change, updated_at: now })
    .where('id', '=', id)
    .where('state', 'in', [...from])
    .returningAll()
    .executeTakeFirst();
}

/** The attempt that paid for a purpose, if one did. */
export function countedFor(db: Executor, p: PurposeRef): Promise<PaymentRow | undefined> {
  return db
    .selectFrom('payments')
    .selectAll()
    .where('purpose', '=', p.purpose)
    .where('purpose_ref', '=', p.ref)
    .where('state', 'in', [...COUNTED])
    .executeTakeFirst();
}

/** Every attempt for a purpose, newest first. */
export function attemptsFor(db: Executor, p: PurposeRef): Promise<PaymentRow[]> {
  return db
    .selectFrom('payments')
    .selectAll()
    .where('purpose', '=', p.purpose)
    .where('purpose_ref', '=', p.ref)
    .orderBy('created_at', 'desc')
    .orderBy('order_number', 'desc')
    .execute();
}
