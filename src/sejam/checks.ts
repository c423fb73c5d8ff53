import type { Services } from '../services.js';
import type { Profile } from './profiles.js';
import { sectionOf } from './sections.js';

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

export const inquiryChecks: readonly InquiryCheck[] = [identity, mobile];
