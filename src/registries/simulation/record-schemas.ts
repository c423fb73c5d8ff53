/**
 * What the simulated people and companies may carry for the Sejam inquiries (docs/simulators.md):
 * bank accounts (Shebas) and a postal address. Shared by the people file and the companies file.
 */
import { z } from 'zod';
import { bankByCode } from '../../domain/banks.js';
import { isValidSheba, shebaBankCode } from '../../domain/sheba.js';
import { isValidPostalCode } from '../../domain/postal-code.js';
import { cityByCode, provinceByCode } from '../../domain/provinces.js';

const text = (max: number) =>
  z
    .string({ error: 'must be a string' })
    .trim()
    .min(1, { error: 'must not be empty' })
    .max(max, { error: `must be at most ${max} characters` });

export const simBankAccountSchema = z.strictObject({
  sheba: z
    .string({ error: 'must be a Sheba string' })
    .refine(isValidSheba, { error: 'must be a valid Sheba: IR + 24 ASCII digits with correct check digits' })
    .refine((v) => bankByCode(shebaBankCode(v)) !== null, {
      error: 'must name a bank of src/domain/banks.ts in its digits 5-7 (e.g. IR..017… for Melli)',
    }),
  status: z.enum(['open', 'closed'], { error: 'must be "open" or "closed"' }).default('open'),
});

export const simAddressSchema = z
  .strictObject({
    postalCode: z.string({ error: 'must be a string of digits' }).refine(isValidPostalCode, {
      error: 'must be a valid postal code: 10 ASCII digits, no 0 or 2 in the first five, fifth not 5',
    }),
    province: z.string().refine((v) => provinceByCode(v) !== null, {
      error: 'must be a province code of src/domain/provinces.ts, e.g. "tehran"',
    }),
    city: z.string(),
    locality: text(100).optional(),
    street: text(200),
    street2: text(200).optional(),
    plaque: text(20),
    floor: text(20).optional(),
    unit: text(20).optional(),
    buildingName: text(100).optional(),
  })
  .refine((a) => cityByCode(a.city)?.province.code === a.province, {
    path: ['city'],
    error: 'must be a city code of that province (src/domain/provinces.ts), e.g. "tehran"',
  });

export type SimBankAccount = z.infer<typeof simBankAccountSchema>;
export type SimAddress = z.infer<typeof simAddressSchema>;

/** The optional fields a person or a company entry may add. */
export const inquiryFields = {
  bankAccounts: z.array(simBankAccountSchema, { error: 'must be an array of {"sheba": …, "status"?: …}' }).default([]),
  address: simAddressSchema.optional(),
};
