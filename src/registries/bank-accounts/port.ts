/**
 * Port: bank-account ownership (استعلام تطابق شبا با کد ملی). Answers whether a Sheba is an
 * account of the person (national code) or the company (legal-person national ID) that gives it,
 * as Sejam's inquiry does before a profile is accepted («عدم تطابق شماره حساب»). Every outcome is
 * a value; adapters never throw.
 *
 * Only the owner hears the holder's name: someone else's Sheba is `not_owned`, nothing more.
 */
import type { Unavailable } from '../result.js';

export type BankAccountResult =
  /** The account is open and the owner's. `bankName` is the bank's Persian name. */
  | { status: 'owned'; bankCode: string; bankName: string; holderName: string }
  /** Not the owner's account, or no such account. */
  | { status: 'not_owned' }
  /** The owner's account, but closed: it cannot receive money. */
  | { status: 'closed' }
  | Unavailable;

export interface BankAccountOwnership {
  /**
   * `sheba`: canonical `IR` + 24 digits (`validateSheba(...).value`); `ownerCode`: a 10-digit
   * national code or an 11-digit legal-person national ID, ASCII digits.
   */
  checkOwnership(sheba: string, ownerCode: string): Promise<BankAccountResult>;
}
