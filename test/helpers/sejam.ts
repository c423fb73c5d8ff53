import { nationalCodeCheckDigit } from '../../src/domain/national-code.js';
import { isValidLegalId } from '../../src/domain/legal-id.js';
import type { ProfileEvent, ProfileState } from '../../src/sejam/lifecycle.js';
import {
  createProfile,
  findProfile,
  issueTrackingCode,
  moveProfile,
  saveSection,
  type PersonType,
  type Profile,
} from '../../src/sejam/profiles.js';
import { cityByCode } from '../../src/domain/provinces.js';
import { loadPopulation } from '../../src/registries/simulation/population.js';
import type { TestApp } from './app.js';

/** A valid national code made from a number (its first nine digits), so each test gets its own. */
export function nationalCode(n: number): string {
  const first9 = String(100_000_000 + n).slice(-9);
  return first9 + String(nationalCodeCheckDigit(first9));
}

/** A valid legal national ID made from a number. */
export function legalId(n: number): string {
  const first10 = String(10_100_000_000 + n).slice(-10);
  for (let d = 0; d < 10; d++) if (isValidLegalId(first10 + d)) return first10 + d;
  throw new Error(`no check digit for ${first10}`);
}

/** The events that bring a new profile to each state, as the registration and inquiry would. */
const path: Record<ProfileState, readonly (ProfileEvent | 'issue')[]> = {
  mobile_verified: [],
  paid: ['fee_paid'],
  forms: ['fee_paid', 'form_saved'],
  under_inquiry: ['fee_paid', 'form_saved', 'confirmed'],
  inquiry_failed: ['fee_paid', 'form_saved', 'confirmed', 'inquiry_failed'],
  tracking_code: ['fee_paid', 'form_saved', 'confirmed', 'issue'],
  awaiting_authentication: ['fee_paid', 'form_saved', 'confirmed', 'issue', 'authentication_requested'],
  authenticated: ['fee_paid', 'form_saved', 'confirmed', 'issue', 'authentication_requested', 'authenticated'],
  trading_code: [
    'fee_paid',
    'form_saved',
    'confirmed',
    'issue',
    'authentication_requested',
    'authenticated',
    'trading_code_issued',
  ],
};

/**
 * A Sejam profile in the given state, built through the model (createProfile, saveSection,
 * moveProfile, issueTrackingCode), never by hand-written rows.
 */
export async function profileIn(
  t: TestApp,
  state: ProfileState,
  p: {
    identifier: string;
    mobile: string;
    personType?: PersonType;
    representativeCode?: string;
    sections?: Record<string, unknown>;
  },
): Promise<Profile> {
  const { db, clock } = t.services;
  const personType = p.personType ?? 'natural';
  return db.transaction().execute(async (trx) => {
    const { profile } = await createProfile(trx, clock, {
      personType,
      identifier: p.identifier,
      representativeCode: personType === 'legal' ? (p.representativeCode ?? nationalCode(999)) : null,
      mobile: p.mobile,
      feeRial: 0,
      channel: null,
    });
    for (const step of path[state]) {
      if (step === 'issue') await issueTrackingCode(trx, clock, profile.id);
      else if (step === 'form_saved') {
        // the forms are saved while open (the first one moves the profile on, as the real forms do)
        const sections = Object.entries(p.sections ?? { contact: { email: null } });
        for (const [name, value] of sections) await saveSection(trx, clock, profile.id, name, value);
      } else await moveProfile(trx, clock, profile.id, step);
    }
    const now = await findProfile(trx, profile.id);
    if (now?.state !== state) throw new Error(`profile reached ${now?.state}, not ${state}`);
    return now;
  });
}

/** علی رضایی's forms (sim/people.json: 0084575948, 09121234567), answers the registries accept. */
export const ALI_FORMS = {
  identity: {
    first_name: 'علی',
    last_name: 'رضایی',
    father_name: 'حسین',
    birth_date_y: '1370',
    birth_date_m: '1',
    birth_date_d: '15',
    birth_place: 'تهران',
    shenasnameh_number: '1523',
  },
  contact: {
    city: 'tehran',
    address: 'خیابان ستارخان، کوچه بهار، پلاک ۱۲',
    postal_code: '1463743331',
    landline: '02166001234',
  },
  bank: {
    sheba_1: 'IR380170000000103456789001',
    branch_1: 'ستارخان',
    account_type_1: 'current',
    default_account: '1',
  },
  job: { occupation: 'engineer', employer: 'شرکت نمونه', position: 'کارشناس' },
  financial: {
    income: '100m_to_300m',
    assets: 'below_5b',
    trading_value: 'below_1b',
    knowledge: 'low',
    experience: 'none',
    source_salary: 'on',
    instrument_stocks: 'on',
  },
};

/**
 * A simulated person's forms (sim/people.json), answers every inquiry accepts: the civil
 * registry's identity, their own first open bank account, their home postal code.
 */
export function simForms(nationalCode: string): typeof ALI_FORMS & { identity: { gender: string } } {
  const p = loadPopulation().byNationalCode(nationalCode);
  const account = p?.bankAccounts.find((a) => a.status !== 'closed');
  const home = p?.address ? cityByCode(p.address.city) : null;
  if (!p || !account || !p.address || !home)
    throw new Error(`${nationalCode}: no simulated person with an account and a home`);
  const [y, m, d] = p.birthDate.split('/');
  return {
    identity: {
      first_name: p.firstName,
      last_name: p.lastName,
      father_name: p.fatherName,
      birth_date_y: y!,
      birth_date_m: String(Number(m)),
      birth_date_d: String(Number(d)),
      birth_place: home.city.label,
      shenasnameh_number: p.shenasnamehNumber,
      gender: p.gender,
    },
    contact: {
      city: p.address.city,
      address: [p.address.street, p.address.plaque && `پلاک ${p.address.plaque}`].filter(Boolean).join('، '),
      postal_code: p.address.postalCode,
      landline: `${home.province.areaCode}32001234`,
    },
    bank: { sheba_1: account.sheba, branch_1: 'مرکزی', account_type_1: 'current', default_account: '1' },
    job: ALI_FORMS.job,
    financial: ALI_FORMS.financial,
  };
}
