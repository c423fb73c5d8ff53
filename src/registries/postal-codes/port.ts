/**
 * Port: the postal-code registry (استعلام کد پستی). Given a 10-digit postal code, answers whether
 * it exists and with which address, for the person to confirm. Every outcome is a value;
 * adapters never throw.
 */
import type { Unavailable } from '../result.js';

/** An address as the post company holds it: Persian text, with our codes where the names are known. */
export interface PostalAddress {
  postalCode: string;
  /** Persian, e.g. «تهران». */
  province: string;
  /** The province's code in src/domain/provinces.ts, or null when the name is not in the list. */
  provinceCode: string | null;
  city: string;
  /** The city's code in src/domain/provinces.ts, or null when the name is not in the list. */
  cityCode: string | null;
  /** Neighbourhood (محله). */
  locality: string | null;
  /** Main street (خیابان اصلی). */
  street: string;
  /** Side street or alley (خیابان فرعی، کوچه). */
  street2: string | null;
  /** House number (پلاک). */
  plaque: string;
  floor: string | null;
  unit: string | null;
  buildingName: string | null;
}

export type PostalLookupResult = { status: 'found'; address: PostalAddress } | { status: 'not_found' } | Unavailable;

export interface PostalCodeRegistry {
  /** `postalCode`: 10 ASCII digits (`validatePostalCode(...).value`). */
  lookup(postalCode: string): Promise<PostalLookupResult>;
}
