import { toPersianDigits } from './digits.js';

/** `1250000` → `۱٬۲۵۰٬۰۰۰ ریال` (Persian digits, Arabic thousands separator). */
export function formatRials(rials: number): string {
  const grouped = Math.trunc(rials)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '٬');
  return `${toPersianDigits(grouped)} ریال`;
}
