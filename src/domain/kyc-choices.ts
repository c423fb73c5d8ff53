/**
 * The choice lists of Sejam's bank and financial forms (اطلاعات مالی و بانکی). Store the codes,
 * show the labels; amounts are in rials, as the forms state them.
 */
import { choices } from './choices.js';

/** نوع حساب */
export const ACCOUNT_TYPES = choices([
  ['current', 'حساب جاری'],
  ['short_term_deposit', 'سپرده کوتاه‌مدت'],
  ['long_term_deposit', 'سپرده بلندمدت'],
  ['qard_hasaneh_savings', 'قرض‌الحسنه پس‌انداز'],
]);

/** میانگین درآمد ماهیانه */
export const MONTHLY_INCOME = choices([
  ['below_100m', 'کمتر از ۱۰۰ میلیون ریال'],
  ['100m_to_300m', '۱۰۰ تا ۳۰۰ میلیون ریال'],
  ['300m_to_1b', '۳۰۰ میلیون تا ۱ میلیارد ریال'],
  ['1b_to_3b', '۱ تا ۳ میلیارد ریال'],
  ['above_3b', 'بیش از ۳ میلیارد ریال'],
]);

/** ارزش تقریبی دارایی‌ها */
export const ASSET_VALUE = choices([
  ['below_5b', 'کمتر از ۵ میلیارد ریال'],
  ['5b_to_20b', '۵ تا ۲۰ میلیارد ریال'],
  ['20b_to_100b', '۲۰ تا ۱۰۰ میلیارد ریال'],
  ['100b_to_500b', '۱۰۰ تا ۵۰۰ میلیارد ریال'],
  ['above_500b', 'بیش از ۵۰۰ میلیارد ریال'],
]);

/** منشأ وجوه (one or more) */
export const SOURCE_OF_FUNDS = choices([
  ['salary', 'حقوق و دستمزد'],
  ['business', 'درآمد کسب‌وکار'],
  ['investment', 'سود سرمایه‌گذاری'],
  ['savings', 'پس‌انداز'],
  ['sale_of_assets', 'فروش دارایی'],
  ['inheritance', 'ارث'],
  ['pension', 'مستمری بازنشستگی'],
  ['gift', 'هدیه'],
  ['loan', 'وام و تسهیلات'],
  ['other', 'سایر'],
]);

/** پیش‌بینی ارزش معاملات در سال */
export const EXPECTED_TRADING_VALUE = choices([
  ['below_1b', 'کمتر از ۱ میلیارد ریال'],
  ['1b_to_5b', '۱ تا ۵ میلیارد ریال'],
  ['5b_to_20b', '۵ تا ۲۰ میلیارد ریال'],
  ['20b_to_100b', '۲۰ تا ۱۰۰ میلیارد ریال'],
  ['above_100b', 'بیش از ۱۰۰ میلیارد ریال'],
]);

/** میزان آشنایی با بازار سرمایه */
export const MARKET_KNOWLEDGE = choices([
  ['none', 'آشنایی ندارم'],
  ['low', 'کم'],
  ['medium', 'متوسط'],
  ['good', 'خوب'],
  ['excellent', 'عالی'],
]);

/** سابقه فعالیت در بازار سرمایه */
export const MARKET_EXPERIENCE = choices([
  ['none', 'سابقه ندارم'],
  ['under_1y', 'کمتر از ۱ سال'],
  ['1y_to_3y', '۱ تا ۳ سال'],
  ['3y_to_5y', '۳ تا ۵ سال'],
  ['over_5y', 'بیش از ۵ سال'],
]);

/** ابزارهایی که در آن‌ها تجربه دارد (one or more) */
export const INSTRUMENT_EXPERIENCE = choices([
  ['stocks', 'سهام'],
  ['funds', 'صندوق‌های سرمایه‌گذاری'],
  ['bonds', 'اوراق با درآمد ثابت'],
  ['futures', 'قراردادهای آتی'],
  ['options', 'اختیار معامله'],
  ['commodities', 'گواهی سپرده کالایی'],
  ['energy', 'بورس انرژی'],
  ['none', 'هیچ‌کدام'],
]);
