import type { ProfileState } from '../sejam/lifecycle.js';
import type { PersonType } from '../sejam/profiles.js';

/** A Sejam profile's state in the words a person reads («کد پیگیری» is the seed's own name for it). */
export const profileStateLabels: Record<ProfileState, string> = {
  mobile_verified: 'ثبت شماره همراه؛ هزینه ثبت نام پرداخت نشده است',
  paid: 'هزینه ثبت نام پرداخت شده؛ فرم‌ها تکمیل نشده است',
  forms: 'در حال تکمیل فرم‌ها',
  under_inquiry: 'در حال استعلام',
  inquiry_failed: 'استعلام ناموفق؛ بخش ناموفق را اصلاح کنید',
  tracking_code: 'کد پیگیری',
  awaiting_authentication: 'در انتظار نتیجه احراز هویت',
  authenticated: 'احراز هویت شده',
  trading_code: 'کد بورسی صادر شده',
};

export const personTypeLabels: Record<PersonType, string> = { natural: 'حقیقی', legal: 'حقوقی' };
