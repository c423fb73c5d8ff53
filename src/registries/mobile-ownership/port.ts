/**
 * Port: mobile-number ownership (شاهکار). Answers whether a mobile number is registered to a
 * national code. Every outcome is a value; adapters never throw.
 */

export type OwnershipResult =
  { status: 'match' } | { status: 'no_match' } | { status: 'unavailable'; reason: 'outage' | 'timeout' | 'error' };

export interface MobileOwnership {
  /** `mobile` in canonical form 09XXXXXXXXX. */
  check(nationalCode: string, mobile: string): Promise<OwnershipResult>;
}
