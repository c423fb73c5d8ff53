import { z } from 'zod';
import type { Profile } from './profiles.js';
import { sectionsOf } from './profiles.js';

/**
 * The forms of a Sejam profile as they are stored: canonical values only (ASCII digits, Gregorian
 * dates, list codes, never the labels). Each form step validates what was typed and saves one of
 * these; the review, the inquiry and the profile view read them back through these schemas.
 */
const digits = (n: number) => z.string().regex(new RegExp(`^\\d{${n}}$`));
const text = (max: number) => z.string().min(1).max(max);

export const identitySection = z.object({
  firstName: text(60),
  lastName: text(60),
  fatherName: text(60),
  /** Gregorian YYYY-MM-DD (shown in Jalali). */
  birthDate: z.iso.date(),
  birthPlace: text(60),
  shenasnamehNumber: z.string().regex(/^\d{1,10}$/),
  shenasnamehSerial: z.string().max(20),
  gender: z.enum(['male', 'female']),
  /** Whether the registry filled these in (the person confirmed them) or the person typed them. */
  fromRegistry: z.boolean(),
});

export const contactSection = z.object({
  // codes of src/domain/provinces.ts (the longest is 22 characters: kohgiluyeh_boyer_ahmad)
  province: text(40),
  city: text(40),
  address: text(300),
  postalCode: digits(10),
  /** Area code with its 0 and the 8-digit number, e.g. 02188776655. */
  landline: digits(11),
  email: z.string().max(254).nullable(),
});

export const bankAccount = z.object({
  sheba: z.string().regex(/^IR\d{24}$/),
  bankCode: digits(3),
  branch: text(60),
  accountType: text(20),
  isDefault: z.boolean(),
});

export const bankSection = z.object({
  accounts: z
    .array(bankAccount)
    .min(1)
    .max(5)
    .refine((a) => a.filter((x) => x.isDefault).length === 1, 'exactly one default account'),
});

export const jobSection = z.object({
  occupation: text(40),
  employer: z.string().max(120),
  position: z.string().max(60),
  workAddress: z.string().max(300),
  workPhone: z.string().regex(/^(\d{11})?$/),
});

export const financialSection = z.object({
  incomeBracket: text(20),
  assetBracket: text(20),
  sourceOfFunds: z.array(text(20)).min(1),
  expectedTradingValue: text(20),
  knowledge: text(20),
  experience: text(20),
  instruments: z.array(text(20)).min(1),
});

export const companySection = z.object({
  name: text(120),
  registrationNumber: z.string().regex(/^\d{1,12}$/),
  registrationDate: z.iso.date(),
  registrationPlace: text(60),
  companyType: text(40),
});

export const representative = z.object({
  nationalCode: digits(10),
  firstName: text(60),
  lastName: text(60),
  position: text(60),
  signingAuthority: z.boolean(),
});

export const representativesSection = z.object({ list: z.array(representative).min(1).max(10) });

export const sectionSchemas = {
  identity: identitySection,
  contact: contactSection,
  bank: bankSection,
  job: jobSection,
  financial: financialSection,
  company: companySection,
  representatives: representativesSection,
} as const;

export type SectionName = keyof typeof sectionSchemas;
export type Section<N extends SectionName> = z.infer<(typeof sectionSchemas)[N]>;

/** Which forms a person of this type fills, in order. */
export function sectionsFor(personType: Profile['person_type']): readonly SectionName[] {
  return personType === 'natural'
    ? ['identity', 'contact', 'bank', 'job', 'financial']
    : ['company', 'representatives', 'contact', 'bank', 'financial'];
}

/** A saved section, or null when missing or no longer valid (a form saved before a rule changed). */
export function sectionOf<N extends SectionName>(p: Profile, name: N): Section<N> | null {
  const parsed = sectionSchemas[name].safeParse(sectionsOf(p)[name]);
  return parsed.success ? (parsed.data as Section<N>) : null;
}

/** The forms still to fill before the review (empty: all done). */
export function missingSections(p: Profile): SectionName[] {
  return sectionsFor(p.person_type).filter((n) => sectionOf(p, n) === null);
}
