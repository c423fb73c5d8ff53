/**
 * Building a port address from the parts a registry sends, and writing it on one line for the
 * person to confirm.
 */
import { toPersianDigits } from '../../domain/digits.js';
import { findCityByName, findProvinceByName } from '../../domain/provinces.js';
import type { PostalAddress } from './port.js';

/** What a postal registry answers, before our codes are attached. */
export interface AddressParts {
  province: string;
  city: string;
  locality?: string | null | undefined;
  street: string;
  street2?: string | null | undefined;
  plaque: string;
  floor?: string | null | undefined;
  unit?: string | null | undefined;
  buildingName?: string | null | undefined;
}

/** The port's address: missing parts as null, province and city codes found from their names. */
export function postalAddress(postalCode: string, p: AddressParts): PostalAddress {
  const province = findProvinceByName(p.province);
  const city = province ? findCityByName(province, p.city) : null;
  return {
    postalCode,
    province: p.province,
    provinceCode: province?.code ?? null,
    city: p.city,
    cityCode: city?.code ?? null,
    locality: p.locality ?? null,
    street: p.street,
    street2: p.street2 ?? null,
    plaque: p.plaque,
    floor: p.floor ?? null,
    unit: p.unit ?? null,
    buildingName: p.buildingName ?? null,
  };
}

/** «استان تهران، شهر تهران، یوسف‌آباد، خیابان …، کوچه …، پلاک ۱۲، طبقه ۳، واحد ۶» */
export function formatAddress(a: PostalAddress): string {
  const parts = [
    `استان ${a.province}`,
    `شهر ${a.city}`,
    a.locality,
    a.street,
    a.street2,
    a.buildingName && `ساختمان ${a.buildingName}`,
    `پلاک ${a.plaque}`,
    a.floor && `طبقه ${a.floor}`,
    a.unit && `واحد ${a.unit}`,
  ];
  return toPersianDigits(parts.filter((x): x is string => !!x).join('، '));
}
