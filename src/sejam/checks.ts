import type { Services } from '../services.js';
import type { Profile } from './profiles.js';
import { sectionOf } from './sections.js';
import { formatAddress } from '../registries/postal-codes/address.js';

/**
 * Each inquiry check: which profiles it applies to, which inputs it reads (a change of them
 * reruns it), and how it asks its registry. Results are values; `unavailable` is retried.
 */
export type CheckName = 'identity' | 'bank' | 'postal' | 'mobile' | 'company';

export type CheckOutcome =
  | { status: 'passed'; detail?: Record<string, unknown> }
  | { status: 'failed'; reason: string; detail?: Record<string, unknown> }
  | { status: 'unavailable' };

export interface InquiryCheck {
  name: CheckName;
  /** The form a failure sends the person back to. */
  section: string;
  appliesTo(p: Profile): boolean;
  inputs(p: Profile): unknown;
  run(s: Services, p: Profile): Promise<CheckOutcome>;
}

/** The natural person whose mobile and identity are checked: the registrant, or a legal person's representative. */
const personCode = (p: Profile) => p.representative_code ?? p.identifier;

const identity: InquiryCheck = {
  name: 'identity',
  section: 'identity',
  appliesTo: (p) => p.person_type === 'natural',
  inputs: (p) => sectionOf(p, 'identity'),
  async run(s, p) {
    const id = sectionOf(p, 'identity');
    if (!id) return { status: 'failed', reason: 'missing' };
    const r = await s.civilRegistry.verifyIdentity({
      nationalCode: p.identifier,
      personKind: 'iranian',
      firstName: id.firstName,
      lastName: id.lastName,
      fatherName: id.fatherName,
      birthDateIso: id.birthDate,
      gender: id.gender,
      shenasnamehNumber: id.shenasnamehNumber,
    });
    if (r.status === 'unavailable') return r;
    if (r.status === 'match') return { status: 'passed' };
    return {
      status: 'failed',
      reason: r.fields.includes('not_found') || r.fields.includes('deceased') ? r.fields[0]! : 'mismatch',
      detail: { fields: r.fields },
    };
  },
};

const mobile: InquiryCheck = {
  name: 'mobile',
  section: 'mobile',
  appliesTo: () => true,
  inputs: (p) => [p.mobile, personCode(p)],
  async run(s, p) {
    const r = await s.mobileOwnership.check(personCode(p), p.mobile);
    if (r.status === 'unavailable') return { status: 'unavailable' };
    return r.status === 'match' ? { status: 'passed' } : { status: 'failed', reason: 'not_owner' };
  },
};

/** Every account must be the person's own (a legal person's accounts: the company's national ID). */
const bank: InquiryCheck = {
  name: 'bank',
  section: 'bank',
  appliesTo: () => true,
  inputs: (p) => sectionOf(p, 'bank')?.accounts.map((a) => a.sheba) ?? null,
  async run(s, p) {
    const accounts = sectionOf(p, 'bank')?.accounts;
    if (!accounts?.length) return { status: 'failed', reason: 'missing' };
    const refused: string[] = [];
    for (const a of accounts) {
      const r = await s.bankAccounts.checkOwnership(a.sheba, p.identifier);
      if (r.status === 'unavailable') return { status: 'unavailable' };
      if (r.status !== 'owned') refused.push(`${a.sheba}:${r.status}`);
    }
    if (!refused.length) return { status: 'passed' };
    const closed = refused.every((x) => x.endsWith(':closed'));
    return {
      status: 'failed',
      reason: closed ? 'closed' : 'not_owned',
      detail: { shebas: refused.map((x) => x.split(':')[0]) },
    };
  },
};

/** The postal code must exist; its registered address is kept, for the person to confirm. */
const postal: InquiryCheck = {
  name: 'postal',
  section: 'contact',
  appliesTo: () => true,
  inputs: (p) => sectionOf(p, 'contact')?.postalCode ?? null,
  async run(s, p) {
    const code = sectionOf(p, 'contact')?.postalCode;
    if (!code) return { status: 'failed', reason: 'missing' };
    const r = await s.postalCodes.lookup(code);
    if (r.status === 'unavailable') return { status: 'unavailable' };
    if (r.status === 'not_found') return { status: 'failed', reason: 'not_found' };
    return { status: 'passed', detail: { address: formatAddress(r.address) } };
  },
};

/** A legal person: the company exists and the registering representative is one of its own. */
const company: InquiryCheck = {
  name: 'company',
  section: 'company',
  appliesTo: (p) => p.person_type === 'legal',
  inputs: (p) => [p.identifier, p.representative_code],
  async run(s, p) {
    const r = await s.companies.checkRepresentative(p.identifier, p.representative_code ?? '');
    if (r.status === 'unavailable') return { status: 'unavailable' };
    if (r.status === 'representative') return { status: 'passed', detail: { position: r.position } };
    return { status: 'failed', reason: r.status };
  },
};

export const inquiryChecks: readonly InquiryCheck[] = [identity, mobile, bank, postal, company];
