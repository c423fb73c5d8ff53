/**
 * Port: the civil registry (ثبت احوال). Given what a person typed about themselves, the registry
 * says whether it matches its records; given a national code, it reads the birth-certificate
 * record (to fill a form the person then confirms). Every outcome is a value; adapters never throw.
 */

export type PersonKind = 'iranian' | 'foreign';

export interface IdentityClaim {
  /** 10-digit national code (iranian) or 12-digit FIDA code (foreign), ASCII digits. */
  nationalCode: string;
  personKind: PersonKind;
  firstName: string;
  lastName: string;
  fatherName: string;
  /** Gregorian YYYY-MM-DD. */
  birthDateIso: string;
  gender: 'male' | 'female';
  shenasnamehNumber: string;
}

export type MismatchField =
  'not_found' | 'deceased' | 'firstName' | 'lastName' | 'fatherName' | 'birthDate' | 'gender' | 'shenasnamehNumber';

export type CivilRegistryResult =
  | { status: 'match'; activation: 'automatic' | 'branch_visit' }
  | { status: 'mismatch'; fields: MismatchField[] }
  | { status: 'unavailable'; reason: 'outage' | 'timeout' | 'error' };

/** What the registry holds of a living person's birth certificate: what a claim states, and more. */
export interface CivilRecord extends Omit<IdentityClaim, 'nationalCode' | 'personKind'> {
  /** Where the certificate was issued; null when the registry does not say. */
  birthPlace: string | null;
  /** The certificate's serial, e.g. `12ب345678`; null when the registry does not say. */
  shenasnamehSerial: string | null;
}

export type CivilRecordResult =
  | { status: 'found'; record: CivilRecord }
  | { status: 'not_found' }
  | { status: 'deceased' }
  | { status: 'unavailable'; reason: 'outage' | 'timeout' | 'error' };

export interface CivilRegistry {
  verifyIdentity(claim: IdentityClaim): Promise<CivilRegistryResult>;
  /**
   * The record of the person with this code. Callers must have proven the person is asking about
   * themselves (their mobile is theirs, by Shahkar) before they show it.
   */
  readRecord(query: { nationalCode: string; personKind: PersonKind }): Promise<CivilRecordResult>;
}

/** Every mismatch field, in the order results list them. */
export const MISMATCH_FIELDS = [
  'not_found',
  'deceased',
  'firstName',
  'lastName',
  'fatherName',
  'birthDate',
  'gender',
  'shenasnamehNumber',
] as const satisfies readonly MismatchField[];
