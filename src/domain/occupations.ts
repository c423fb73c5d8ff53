/**
 * Occupations (شغل) for Sejam's job form, and what a legal person's records need: company types
 * (نوع شرکت, the kinds of the Commercial Code and a few more the registry holds) and the
 * positions of its representatives (سمت). Store the codes, show the labels.
 */
import { choices } from './choices.js';

export const OCCUPATIONS = choices([
  ['public_employee', 'کارمند دولت'],
  ['private_employee', 'کارمند بخش خصوصی'],
  ['self_employed', 'آزاد (کسب‌وکار شخصی)'],
  ['employer', 'کارفرما'],
  ['merchant', 'بازرگان'],
  ['worker', 'کارگر'],
  ['craftsman', 'صنعتگر و پیشه‌ور'],
  ['farmer', 'کشاورز و دامدار'],
  ['physician', 'پزشک'],
  ['medical_staff', 'کادر درمان'],
  ['engineer', 'مهندس'],
  ['lawyer', 'وکیل'],
  ['teacher', 'معلم'],
  ['academic', 'عضو هیئت علمی'],
  ['financial_professional', 'فعال بازار سرمایه و خدمات مالی'],
  ['armed_forces', 'نیروهای مسلح'],
  ['clergy', 'روحانی'],
  ['artist', 'هنرمند'],
  ['athlete', 'ورزشکار'],
  ['driver', 'راننده'],
  ['student', 'دانشجو'],
  ['pupil', 'دانش‌آموز'],
  ['homemaker', 'خانه‌دار'],
  ['retired', 'بازنشسته'],
  ['unemployed', 'بیکار'],
  ['other', 'سایر'],
]);

export const COMPANY_TYPES = choices([
  ['private_joint_stock', 'سهامی خاص'],
  ['public_joint_stock', 'سهامی عام'],
  ['limited_liability', 'با مسئولیت محدود'],
  ['cooperative', 'تعاونی'],
  ['general_partnership', 'تضامنی'],
  ['mixed_non_stock', 'مختلط غیرسهامی'],
  ['mixed_stock', 'مختلط سهامی'],
  ['proportional_liability', 'نسبی'],
  ['non_commercial', 'موسسه غیرتجاری'],
  ['state_owned', 'شرکت دولتی'],
  ['investment_fund', 'صندوق سرمایه‌گذاری'],
  ['other', 'سایر'],
]);

export const REPRESENTATIVE_POSITIONS = choices([
  ['ceo', 'مدیرعامل'],
  ['chairman', 'رئیس هیئت مدیره'],
  ['vice_chairman', 'نایب رئیس هیئت مدیره'],
  ['board_member', 'عضو هیئت مدیره'],
  ['authorized_signatory', 'صاحب امضای مجاز'],
  ['attorney', 'وکیل یا نماینده قانونی'],
  ['other', 'سایر'],
]);
