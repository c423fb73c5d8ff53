/**
 * Port: the civil registry (ثبت احوال). Given what a person typed about themselves, the registry
 * says whether it matches its records. Every outcome is a value; adapters never throw.
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

export interface CivilRegistry {
  verifyIdentity(claim: IdentityClaim): Promise<CivilRegistryResult>;
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
