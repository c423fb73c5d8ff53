/**
 * The simulated bank behind every simulated payment gateway: the simulator adapter, and the
 * Mellat and Zarinpal protocols of the simulation gateway server. Its book is a PostgreSQL table
 * (`payment_sim_transactions`), so a payment made on one node's gateway page is verified on any
 * other. Deterministic, with magic inputs (docs/simulators.md):
 *
 * - an amount ending in 9 rials: the gateway is down when the payment is started;
 * - an amount ending in 8 rials: the start answers after `slowMs`;
 * - card `999000…`: insufficient funds;
 * - card `999001…`: the payment goes through, but the gateway's verify/settle/reverse service
 *   is down for the next `outageCalls` calls about it (then it recovers).
 * Real fees are whole tomans (multiples of 10 rials), so no real amount is magic.
 */
import { randomBytes, randomInt } from 'node:crypto';
import type { Database } from '../../db/database.js';
import type { PaymentSimTransactionsTable, SimTransactionState } from '../../db/schema.js';
import type { Selectable } from 'kysely';
import { addMs, type Clock } from '../../clock.js';
import { normalizeDigits, stripSeparators } from '../../domain/digits.js';
import { unrefSleep } from '../timeout.js';
import { maskPan } from './port.js';

export type Facade = PaymentSimTransactionsTable['facade'];
export type SimTransaction = Selectable<PaymentSimTransactionsTable>;

export const MAGIC_CARD_INSUFFICIENT = '999000';
export const MAGIC_CARD_DOWN = '999001';

export interface SimBankOptions {
  /** How long the gateway page takes payment after the token is issued. Default 15 minutes. */
  pageTtlMs?: number;
  /** Calls refused after a `999001…` card. Default 2. */
  outageCalls?: number;
  slowMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface OpenRequest {
  orderNumber: number;
  amountRials: number;
  callbackUrl: string;
  description: string;
}

export type OpenResult = { kind: 'opened'; token: string } | { kind: 'outage' } | { kind: 'duplicate' };

/** What the buyer does on the gateway page. */
export type BuyerAction = 'pay' | 'pay_no_return' | 'cancel' | 'timeout';

export type ActResult =
  | { kind: 'not_found' }
  | { kind: 'card_invalid'; tx: SimTransaction }
  /** The page was used before (or timed out): nothing changes. */
  | { kind: 'closed'; tx: SimTransaction }
  /** `returns`: whether the browser goes back to the merchant (not after "pay and close the tab"). */
  | { kind: 'done'; tx: SimTransaction; returns: boolean };

/** Which transaction a call names: by token, or by Mellat's order number and sale reference. */
export type Locate = { token: string } | { orderNumber: number; referenceId: string };

export type BankVerify =
  | { kind: 'verified'; already: boolean; tx: SimTransaction }
  | { kind: 'not_paid'; state: SimTransactionState | 'unknown' }
  | { kind: 'amount_mismatch' }
  | { kind: 'outage' };
export type BankSettle =
  | { kind: 'settled'; already: boolean }
  | { kind: 'not_verified'; state: SimTransactionState | 'unknown' }
  | { kind: 'outage' };
export type BankReverse =
  | { kind: 'reversed'; already: boolean }
  | { kind: 'not_reversible'; state: SimTransactionState | 'unknown'; paid: boolean }
  | { kind: 'outage' };

/** 16 digits after Persian/Arabic digits, spaces and dashes are normalised; otherwise null. */
export function normalizeCard(input: string): string | null {
  const digits = stripSeparators(normalizeDigits(input));
  return /^\d{16}$/.test(digits) ? digits : null;
}

function newToken(facade: Facade): string {
  if (facade === 'zarinpal') return 'A' + String(randomInt(1e9, 1e10 - 1)).padStart(35, '0');
  if (facade === 'mellat') return randomBytes(10).toString('hex').toUpperCase();
  return randomBytes(12).toString('hex');
}

const newReference = () => String(randomInt(100_000_000_000, 999_999_999_999));

export class SimulatedBank {
  private readonly pageTtlMs: number;
  private readonly outageCalls: number;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly opts: SimBankOptions = {},
  ) {
    this.pageTtlMs = opts.pageTtlMs ?? 15 * 60_000;
    this.outageCalls = opts.outageCalls ?? 2;
  }

  async open(facade: Facade, merchant: string, req: OpenRequest): Promise<OpenResult> {
    if (req.amountRials % 10 === 9) return { kind: 'outage' };
    if (req.amountRials % 10 === 8) await (this.opts.sleep ?? unrefSleep)(this.opts.slowMs ?? 8000);
    const now = this.clock.now();
    const token = newToken(facade);
    const row = await this.db
      .insertInto('payment_sim_transactions')
      .values({
        token,
        facade,
        merchant,
        order_number: req.orderNumber,
        amount_rials: req.amountRials,
        callback_url: req.callbackUrl,
        description: req.description,
        state: 'pending',
        created_at: now,
        expires_at: addMs(now, this.pageTtlMs),
        updated_at: now,
      })
      .onConflict((oc) => oc.columns(['merchant', 'order_number']).where('facade', '=', 'mellat').doNothing())
      .returning('token')
      .executeTakeFirst();
    return row ? { kind: 'opened', token } : { kind: 'duplicate' };
  }

  /** The transaction, with a pending one past its page lifetime seen (and stored) as expired. */
  async find(facade: Facade, at: Locate, merchant?: string): Promise<SimTransaction | null> {
    let q = this.db.selectFrom('payment_sim_transactions').selectAll().where('facade', '=', facade);
    q = 'token' in at ? q.where('token', '=', at.token) : q.where('order_number', '=', at.orderNumber);
    if ('referenceId' in at) q = q.where('reference_id', '=', at.referenceId);
    if (merchant !== undefined) q = q.where('merchant', '=', merchant);
    const tx = await q.executeTakeFirst();
    if (!tx || tx.state !== 'pending' || this.clock.now() < tx.expires_at) return tx ?? null;
    return (await this.move(tx, ['pending'], { state: 'expired', result_code: 'timeout' })) ?? this.reread(tx);
  }

  async act(facade: Facade, token: string, action: BuyerAction, card: string): Promise<ActResult> {
    const tx = await this.find(facade, { token });
    if (!tx) return { kind: 'not_found' };
    if (tx.state !== 'pending') return { kind: 'closed', tx };
    if (action === 'cancel' || action === 'timeout') {
      const state = action === 'cancel' ? 'cancelled' : 'expired';
      const moved = await this.move(tx, ['pending'], {
        state,
        result_code: action === 'cancel' ? 'cancelled' : 'timeout',
      });
      return moved ? { kind: 'done', tx: moved, returns: true } : { kind: 'closed', tx: await this.reread(tx) };
    }
    const pan = normalizeCard(card);
    if (!pan) return { kind: 'card_invalid', tx };
    const moved = pan.startsWith(MAGIC_CARD_INSUFFICIENT)
      ? await this.move(tx, ['pending'], { state: 'failed', result_code: 'insufficient_funds', card_pan: maskPan(pan) })
      : await this.move(tx, ['pending'], {
          state: 'paid',
          result_code: 'paid',
          card_pan: maskPan(pan),
          reference_id: newReference(),
          paid_at: this.clock.now(),
          outage_left: pan.startsWith(MAGIC_CARD_DOWN) ? this.outageCalls : 0,
        });
    if (!moved) return { kind: 'closed', tx: await this.reread(tx) };
    return { kind: 'done', tx: moved, returns: action === 'pay' || moved.state !== 'paid' };
  }

  async verify(facade: Facade, merchant: string, at: Locate, amountRials: number | null): Promise<BankVerify> {
    const tx = await this.find(facade, at, merchant);
    if (!tx) return { kind: 'not_paid', state: 'unknown' };
    if (await this.down(tx)) return { kind: 'outage' };
    if (tx.state !== 'paid' && tx.state !== 'verified' && tx.state !== 'settled') {
      return { kind: 'not_paid', state: tx.state };
    }
    if (amountRials !== null && amountRials !== tx.amount_rials) return { kind: 'amount_mismatch' };
    if (tx.state !== 'paid') return { kind: 'verified', already: true, tx };
    const moved = await this.move(tx, ['paid'], { state: 'verified' });
    return moved ? { kind: 'verified', already: false, tx: moved } : this.verify(facade, merchant, at, amountRials);
  }

  async settle(facade: Facade, merchant: string, at: Locate): Promise<BankSettle> {
    const tx = await this.find(facade, at, merchant);
    if (!tx) return { kind: 'not_verified', state: 'unknown' };
    if (await this.down(tx)) return { kind: 'outage' };
    if (tx.state === 'settled') return { kind: 'settled', already: true };
    if (tx.state !== 'verified') return { kind: 'not_verified', state: tx.state };
    const moved = await this.move(tx, ['verified'], { state: 'settled' });
    return moved ? { kind: 'settled', already: false } : this.settle(facade, merchant, at);
  }

  async reverse(facade: Facade, merchant: string, at: Locate): Promise<BankReverse> {
    const tx = await this.find(facade, at, merchant);
    if (!tx) return { kind: 'not_reversible', state: 'unknown', paid: false };
    if (await this.down(tx)) return { kind: 'outage' };
    if (tx.state === 'reversed') return { kind: 'reversed', already: true };
    if (tx.state === 'settled') return { kind: 'not_reversible', state: 'settled', paid: true };
    if (tx.state === 'pending') {
      // a reversed token takes no payment afterwards
      await this.move(tx, ['pending'], { state: 'expired', result_code: 'reversed_unpaid' });
      return { kind: 'not_reversible', state: 'pending', paid: false };
    }
    if (tx.state !== 'paid' && tx.state !== 'verified') return { kind: 'not_reversible', state: tx.state, paid: false };
    const moved = await this.move(tx, ['paid', 'verified'], { state: 'reversed' });
    return moved ? { kind: 'reversed', already: false } : this.reverse(facade, merchant, at);
  }

  /** Uses up one of the calls a `999001…` card makes fail. */
  private async down(tx: SimTransaction): Promise<boolean> {
    if (tx.outage_left <= 0) return false;
    const row = await this.db
      .updateTable('payment_sim_transactions')
      .set((eb) => ({ outage_left: eb('outage_left', '-', 1) }))
      .where('token', '=', tx.token)
      .where('outage_left', '>', 0)
      .returning('token')
      .executeTakeFirst();
    return row !== undefined;
  }

  /** A conditional move: only from the given states, so two nodes never both make it. */
  private async move(
    tx: SimTransaction,
    from: SimTransactionState[],
    set: Partial<Omit<SimTransaction, 'token'>>,
  ): Promise<SimTransaction | undefined> {
    return this.db
      .updateTable('payment_sim_transactions')
      .set({ ...set, updated_at: this.clock.now() })
      .where('token', '=', tx.token)
      .where('state', 'in', from)
      .returningAll()
      .executeTakeFirst();
  }

  private async reread(tx: SimTransaction): Promise<SimTransaction> {
    return this.db
      .selectFrom('payment_sim_transactions')
      .selectAll()
      .where('token', '=', tx.token)
      .executeTakeFirstOrThrow();
  }
}
