/**
 * Port: the companies registry (اداره ثبت شرکت‌ها). For a legal person's national ID it answers
 * with the company's registration data and its registered representatives, and whether a national
 * code is one of them (with or without signing authority), as Sejam's inquiry of a legal person's
 * registration needs. Every outcome is a value; adapters never throw.
 */
import type { Unavailable } from '../result.js';

export interface CompanyRepresentative {
  nationalCode: string;
  firstName: string;
  lastName: string;
  /** A code of REPRESENTATIVE_POSITIONS (src/domain/occupations.ts), e.g. `ceo`. */
  position: string;
  /** May sign binding documents for the company (صاحب امضای مجاز). */
  signingAuthority: boolean;
}

export interface Company {
  /** 11-digit legal-person national ID. */
  nationalId: string;
  name: string;
  /** A code of COMPANY_TYPES (src/domain/occupations.ts), e.g. `private_joint_stock`. */
  type: string;
  registrationNumber: string;
  /** Gregorian `YYYY-MM-DD`. */
  registrationDateIso: string;
  /** Where it was registered, in Persian (the registry's name of the city). */
  registrationPlace: string;
  representatives: CompanyRepresentative[];
}

export type CompanyLookupResult = { status: 'found'; company: Company } | { status: 'not_found' } | Unavailable;

export type RepresentativeResult =
  | { status: 'representative'; position: string; signingAuthority: boolean }
  | { status: 'not_representative' }
  | { status: 'unknown_company' }
  | Unavailable;

export interface CompaniesRegistry {
  /** `nationalId`: 11 ASCII digits (`validateLegalId(...).value`). */
  lookupCompany(nationalId: string): Promise<CompanyLookupResult>;
  /** Whether `nationalCode` (10 ASCII digits) is a registered representative of that company. */
  checkRepresentative(nationalId: string, nationalCode: string): Promise<RepresentativeResult>;
}
