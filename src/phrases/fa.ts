import type { ErrorCode } from '../errors/catalogue.js';

/** Persian text for every error code. {name} placeholders take FieldError params. */
export const errorMessages: Record<ErrorCode, string> = {
  'national_code.required': 'کد ملی را وارد کنید.',
  'national_code.format': 'کد ملی باید ۱۰ رقم باشد.',
  'national_code.checksum': 'کد ملی وارد شده معتبر نیست؛ رقم‌ها را دوباره بررسی کنید.',
  'fida.required': 'کد فیدا را وارد کنید.',
  'fida.format': 'کد فیدا باید ۱۲ رقم باشد.',
  'mobile.required': 'شماره تلفن همراه را وارد کنید.',
  'mobile.format': 'شماره تلفن همراه باید ۱۱ رقم و با ۰۹ شروع شود؛ مانند ۰۹۱۲۱۲۳۴۵۶۷.',
  'mobile.not_owner':
    'این شماره تلفن همراه به نام شما ثبت نشده است. شماره‌ای را وارد کنید که به نام خودتان است؛ در غیر این صورت برای فعال‌سازی حساب با مدارک هویتی به نزدیک‌ترین شعبه مراجعه کنید.',
  'mobile.same_as_current': 'این شماره همان شماره فعلی حساب شماست.',
  'email.format': 'نشانی ایمیل درست نیست؛ مانند name@example.com.',
  'email.too_long': 'نشانی ایمیل بیش از اندازه طولانی است.',
  'name.required': '{field} را وارد کنید.',
  'name.too_long': 'این مقدار بیش از اندازه طولانی است.',
  'name.invalid_chars': 'فقط حروف را وارد کنید؛ رقم و نشانه‌ها پذیرفته نیست.',
  'shenasnameh.required': 'شماره شناسنامه را وارد کنید.',
  'shenasnameh.format': 'شماره شناسنامه فقط از رقم تشکیل می‌شود (حداکثر ۱۰ رقم).',
  'shenasnameh.zero':
    'صفر پذیرفته نیست. اگر شماره شناسنامه شما با کد ملی یکی است، همان کد ملی را در این بخش وارد کنید.',
  'date.required': 'تاریخ تولد را کامل وارد کنید.',
  'date.format': 'تاریخ را به شکل سال/ماه/روز وارد کنید؛ مانند ۱۳۷۰/۰۱/۱۵.',
  'date.invalid': 'این تاریخ در تقویم وجود ندارد.',
  'date.in_future': 'تاریخ تولد نمی‌تواند در آینده باشد.',
  'date.too_old': 'تاریخ تولد درست به نظر نمی‌رسد؛ سال را بررسی کنید.',
  'gender.required': 'جنسیت را انتخاب کنید.',
  'person_kind.required': 'نوع کاربری را انتخاب کنید.',
  'password.required': 'گذرواژه را وارد کنید.',
  'password.too_short': 'گذرواژه باید دست‌کم ۸ نویسه باشد.',
  'password.too_long': 'گذرواژه بیش از اندازه طولانی است.',
  'password.invalid_chars': 'فقط حروف و رقم‌های لاتین و نشانه‌های & % $ # ! پذیرفته است.',
  'password.must_start_with_letter': 'گذرواژه باید با یک حرف لاتین شروع شود.',
  'password.needs_upper': 'دست‌کم یک حرف بزرگ لاتین لازم است.',
  'password.needs_lower': 'دست‌کم یک حرف کوچک لاتین لازم است.',
  'password.needs_digit': 'دست‌کم یک رقم لازم است.',
  'password.contains_personal': 'گذرواژه نباید نام، نام خانوادگی یا کد ملی شما را در خود داشته باشد.',
  'password.mismatch': 'گذرواژه و تکرار آن یکسان نیستند.',
  'password.wrong_current': 'گذرواژه فعلی درست نیست.',
  'password.same_as_current': 'گذرواژه جدید باید با گذرواژه فعلی فرق داشته باشد.',
  'questions.required': 'هر سه پرسش امنیتی را انتخاب و پاسخ آن را وارد کنید.',
  'questions.question_required': '{field} را از فهرست انتخاب کنید.',
  'questions.answer_required': '{field} را وارد کنید.',
  'questions.unknown': 'یکی از پرسش‌های فهرست را انتخاب کنید.',
  'questions.duplicate_question': 'این پرسش را پیش‌تر انتخاب کرده‌اید؛ پرسش دیگری برگزینید.',
  'questions.answer_too_short': 'پاسخ باید دست‌کم دو حرف باشد.',
  'questions.duplicate_answer': 'پاسخ پرسش‌ها باید با هم فرق داشته باشند.',
  'captcha.required': 'کد امنیتی تصویر را وارد کنید.',
  'captcha.wrong': 'کد امنیتی درست نیست؛ کد تصویر تازه را وارد کنید.',
  'captcha.now_required': 'برای ورود به این حساب اکنون بررسی امنیتی لازم است؛ کد امنیتی را وارد کنید و دوباره بفرستید.',
  'captcha.proof_invalid': 'بررسی خودکار امنیتی پذیرفته نشد؛ لطفاً دوباره بفرستید.',
  'captcha.proof_expired': 'زمان بررسی خودکار امنیتی گذشت؛ لطفاً دوباره بفرستید.',
  'captcha.rate_limited':
    'از این شبکه تصویر امنیتی بیش از اندازه درخواست شده است. {minutes} دقیقه دیگر می‌توانید تصویر جدید بخواهید.',
  'otp.required': '{label} پیامک‌شده را وارد کنید.',
  'otp.format': '{label} ۶ رقم است.',
  'otp.wrong': '{label} درست نیست. {remaining} بار دیگر می‌توانید تلاش کنید.',
  'otp.expired': 'زمان اعتبار این کد تمام شده است. کد تازه بخواهید.',
  'otp.too_many_attempts':
    'بیش از اندازه کد نادرست وارد شد. پس از {minutes} دقیقه (ساعت {until}) می‌توانید کد تازه بخواهید و دوباره تلاش کنید.',
  'otp.resend_too_soon': 'برای ارسال دوباره کد {seconds} ثانیه صبر کنید.',
  'sms.rate_limited': 'تعداد پیامک‌های درخواستی از حد مجاز گذشته است. {minutes} دقیقه دیگر دوباره تلاش کنید.',
  'registration.account_exists':
    'برای این کد ملی پیش‌تر حساب کاربری ساخته شده است. از «ورود به سامانه» وارد شوید یا اگر گذرواژه را فراموش کرده‌اید از «بازیابی گذرواژه» استفاده کنید.',
  'registration.pending_exists':
    'درخواست ثبت نامی برای این کد ملی در حال بررسی است. نتیجه با پیامک اعلام می‌شود؛ اگر تا {hours} ساعت پس از ثبت درخواست پیامکی نرسید، دوباره ثبت نام کنید.',
  'registration.too_many_checks':
    'برای این کد ملی یا از این دستگاه بیش از اندازه درخواست بررسی شده است. {minutes} دقیقه دیگر دوباره تلاش کنید.',
  'registry.unavailable': 'سامانه استعلام در این لحظه پاسخ نمی‌دهد. چند دقیقه دیگر دوباره تلاش کنید.',
  'login.invalid_credentials': 'کد ملی یا گذرواژه درست نیست.',
  'login.request_pending':
    'درخواست ثبت نام شما هنوز در حال بررسی است و حساب کاربری تا پایان بررسی ساخته نمی‌شود. نتیجه با پیامک به شما اعلام می‌شود؛ اگر تا {hours} ساعت پس از ثبت درخواست پیامکی نرسید، دوباره ثبت نام کنید.',
  'login.locked':
    'به دلیل چند تلاش ناموفق، ورود با این حساب تا ساعت {until} بسته است. می‌توانید از «بازیابی گذرواژه» استفاده کنید.',
  'login.rate_limited': 'از این دستگاه تلاش‌های زیادی برای ورود شده است. {minutes} دقیقه دیگر دوباره تلاش کنید.',
  'login.pending_branch_visit':
    'ثبت نام شما تایید شده است؛ برای فعال‌سازی حساب با مدارک هویتی به نزدیک‌ترین شعبه مراجعه کنید.',
  'login.disabled': 'این حساب غیرفعال است. برای پیگیری به نزدیک‌ترین شعبه مراجعه کنید.',
  'session.required': 'برای دیدن این صفحه ابتدا وارد شوید.',
  'session.forbidden': 'این بخش برای نقش کاربری شما باز نیست. اگر فکر می‌کنید باید باشد، با راهبر سامانه تماس بگیرید.',
  'session.password_expired': 'گذرواژه شما منقضی شده است. برای ادامه، گذرواژه را تغییر دهید.',
  'recovery.not_found': 'حساب کاربری با این مشخصات پیدا نشد.',
  'recovery.no_mobile': 'برای این نام کاربری شماره تلفن همراه یافت نشد.',
  'recovery.no_questions': 'برای این نام کاربری پرسش امنیتی ثبت نشده است.',
  'recovery.method_required': 'روش بازیابی گذرواژه را انتخاب کنید.',
  'recovery.wrong_answers': 'پاسخ یک یا چند پرسش درست نیست. {remaining} بار دیگر می‌توانید تلاش کنید.',
  'recovery.too_many_attempts':
    'تلاش‌های نادرست بیش از حد مجاز شد. از روش دیگر استفاده کنید یا به نزدیک‌ترین شعبه مراجعه کنید.',
  'recovery.no_method':
    'برای این نام کاربری نه شماره تلفن همراه ثبت شده است و نه سوالات امنیتی؛ بازیابی غیرحضوری گذرواژه ممکن نیست. برای بازیابی گذرواژه با مدارک هویتی به نزدیک‌ترین شعبه مراجعه کنید.',
  'recovery.identifier_format': 'کد ملی ۱۰ رقم و کد فیدا ۱۲ رقم است.',
  'recovery.code_attempts':
    'کد نادرست بیش از حد مجاز وارد شد. از ابتدا شروع کنید یا روش دیگری برای بازیابی گذرواژه برگزینید.',
  'flow.not_found': 'این فرم پیدا نشد. از ابتدا شروع کنید.',
  'flow.expired': 'زمان این فرم به پایان رسیده است. از ابتدا شروع کنید؛ اطلاعاتی که ثبت نشده بود باید دوباره وارد شود.',
  'flow.conflict': 'این فرم در برگه دیگری تغییر کرده است. صفحه تازه شد؛ دوباره بررسی کنید.',
  'flow.wrong_step': 'این مرحله هنوز در دسترس نیست؛ به مرحله جاری برگشتید.',
  'csrf.invalid': 'اعتبار فرم تمام شده است. صفحه را دوباره بارگیری کنید و دوباره بفرستید.',
  'ops.unauthorized': 'این نشانی فقط برای راهبران سامانه است و توکن دسترسی راهبری می‌خواهد.',
  'request.invalid': 'درخواست ناقص یا نادرست است.',
  'request.not_found': 'صفحه‌ای با این نشانی پیدا نشد.',
  'server.busy': 'سامانه در این لحظه سرش شلوغ است. چند ثانیه دیگر دوباره تلاش کنید.',
  'server.error': 'خطای پیش‌بینی‌نشده‌ای رخ داد. دوباره تلاش کنید.',
  'legal_id.required': 'شناسه ملی شخص حقوقی را وارد کنید.',
  'legal_id.format': 'شناسه ملی شخص حقوقی باید ۱۱ رقم باشد.',
  'legal_id.checksum': 'شناسه ملی وارد شده معتبر نیست؛ رقم‌ها را دوباره بررسی کنید.',
  'sejam.person_type_required': 'نوع شخصیت (حقیقی یا حقوقی) را انتخاب کنید.',
  'sejam.foreign_not_accepted':
    'ثبت نام در سجام فقط برای اشخاص حقیقی و حقوقی ایرانی است و اتباع خارجی نمی‌توانند در آن ثبت نام کنند. برای فعالیت در بازار سرمایه با یکی از کارگزاری‌ها تماس بگیرید.',
  'sejam.mobile_not_owner':
    'شماره همراهی که کد تایید به آن رفت به نام این کد ملی ثبت نشده است. در سجام فقط با شماره‌ای می‌توان ثبت نام کرد که به نام خود شخص (یا نماینده شخص حقوقی) است؛ با «شماره همراه» از ابتدا شروع کنید.',
  'sejam.identifier_format': 'کد ملی ۱۰ رقم و شناسه ملی شخص حقوقی ۱۱ رقم است.',
  'sejam.profile_not_matched':
    'پرونده سجامی با این شماره همراه، نوع شخصیت و کد ملی (یا شناسه ملی) پیدا نشد؛ هر سه باید از یک پرونده باشند. آن‌ها را بررسی کنید و دوباره بفرستید؛ {remaining} بار دیگر می‌توانید تلاش کنید.',
};

/** Placeholders a caller may leave out: a code box is «کد تایید» unless its page names it otherwise. */
const DEFAULT_PARAMS: Record<string, string> = { label: 'کد تایید', field: 'این بخش' };

export function formatMessage(code: ErrorCode, params: Record<string, string | number> = {}): string {
  return errorMessages[code].replace(/\{(\w+)\}/g, (_, k: string) => {
    const v = params[k] ?? DEFAULT_PARAMS[k];
    return v === undefined ? '' : toFa(String(v));
  });
}

const FA_DIGITS = '۰۱۲۳۴۵۶۷۸۹';
function toFa(s: string): string {
  return s.replace(/[0-9]/g, (d) => FA_DIGITS[Number(d)] ?? d);
}

/** SMS texts. Kept short: one Persian SMS part is 70 characters. */
export const sms = {
  registrationCode: (code: string) => `هویت\nکد تایید ثبت نام: ${code}\nاین کد را به کسی ندهید.`,
  mobileChangeCode: (code: string) => `هویت\nکد تایید شماره همراه جدید: ${code}\nاین کد را به کسی ندهید.`,
  recoveryCode: (code: string, minutes: number) =>
    `هویت\nکد بازیابی گذرواژه: ${code}\nتا ${toFa(String(minutes))} دقیقه معتبر است. اگر شما درخواست نکرده‌اید، این پیام را نادیده بگیرید.`,
  welcome: (title: string) => `${title}\nبه سامانه هویت خوش آمدید. حساب کاربری شما فعال شد.`,
  approvedVisitBranch: (title: string) => `${title}\n${errorMessages['login.pending_branch_visit']}`,
  identityMismatch: () =>
    'اطلاعات هویتی واردشده با پایگاه مرجع ثبت احوال هم‌خوانی ندارد. می‌توانید دوباره ثبت نام کنید؛ اگر از درستی اطلاعات مطمئن هستید با مدارک هویتی به نزدیک‌ترین شعبه مراجعه کنید.',
  registrationExpired: (hours: number) =>
    `درخواست ثبت نام شما در ${toFa(String(hours))} ساعت به نتیجه نرسید و بسته شد. لطفا دوباره ثبت نام کنید.`,
  passwordChanged: () =>
    'هویت\nگذرواژه حساب شما تغییر کرد و همه نشست‌های دیگر بسته شد. اگر این کار را شما نکرده‌اید بی‌درنگ گذرواژه را بازیابی کنید.',
  sejamCode: (code: string) => `سجام\nکد تایید ثبت نام: ${code}\nاین کد را به کسی ندهید.`,
  mobileChanged: () => 'هویت\nشماره همراه حساب شما تغییر کرد. از این پس پیام‌ها به شماره جدید فرستاده می‌شود.',
  /** «بازیابی کد پیگیری» sends the same code again; who asked is not known, so it says how it came. */
  sejamTrackingCodeAgain: (code: string) =>
    `سجام\nکد پیگیری شما (درخواست «بازیابی کد پیگیری»): ${code}\nاین پیامک را نگه دارید؛ برای احراز هویت به این کد نیاز دارید.`,
  sejamViewCode: (code: string) => `سجام\nکد تایید مشاهده پرونده: ${code}\nاین کد را به کسی ندهید.`,
};

export function honorific(gender: 'male' | 'female', firstName: string, lastName: string): string {
  return `${gender === 'female' ? 'سرکار خانم' : 'جناب آقای'} ${firstName} ${lastName}`;
}
