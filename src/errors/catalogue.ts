/**
 * Every error the system reports, with a stable code (area.snake_case, never renamed once
 * released) and the HTTP status the JSON API answers with. Persian text: phrases/fa.ts.
 */
export const errorCatalogue = {
  // identifiers and personal data
  'national_code.required': 400,
  'national_code.format': 400,
  'national_code.checksum': 400,
  'fida.required': 400,
  'fida.format': 400,
  'mobile.required': 400,
  'mobile.format': 400,
  'mobile.not_owner': 400,
  'mobile.same_as_current': 400,
  'email.format': 400,
  'email.too_long': 400,
  'name.required': 400,
  'name.too_long': 400,
  'name.invalid_chars': 400,
  'shenasnameh.required': 400,
  'shenasnameh.format': 400,
  'shenasnameh.zero': 400,
  'date.required': 400,
  'date.format': 400,
  'date.invalid': 400,
  'date.in_future': 400,
  'date.too_old': 400,
  'gender.required': 400,
  'person_kind.required': 400,
  'legal_id.required': 400,
  'legal_id.format': 400,
  'legal_id.checksum': 400,
  'sheba.required': 400,
  'sheba.format': 400,
  'sheba.checksum': 400,
  'sheba.unknown_bank': 400,
  'postal_code.required': 400,
  'postal_code.format': 400,
  'postal_code.invalid': 400,
  'landline.required': 400,
  'landline.format': 400,
  'landline.area_code': 400,
  'landline.is_mobile': 400,
  // passwords and security questions
  'password.required': 400,
  'password.too_short': 400,
  'password.too_long': 400,
  'password.invalid_chars': 400,
  'password.must_start_with_letter': 400,
  'password.needs_upper': 400,
  'password.needs_lower': 400,
  'password.needs_digit': 400,
  'password.contains_personal': 400,
  'password.mismatch': 400,
  'password.wrong_current': 400,
  'password.same_as_current': 400,
  'questions.required': 400,
  'questions.question_required': 400,
  'questions.answer_required': 400,
  'questions.unknown': 400,
  'questions.duplicate_question': 400,
  'questions.answer_too_short': 400,
  'questions.duplicate_answer': 400,
  // captcha and one-time codes
  'captcha.required': 400,
  'captcha.wrong': 400,
  // a login that needs a proof came without one (an app that sent none, or a blank image field)
  'captcha.now_required': 400,
  'captcha.proof_invalid': 400,
  'captcha.proof_expired': 400,
  'captcha.rate_limited': 429,
  'otp.required': 400,
  'otp.format': 400,
  'otp.wrong': 400,
  'otp.expired': 400,
  'otp.too_many_attempts': 429,
  'otp.resend_too_soon': 429,
  'sms.rate_limited': 429,
  // registration
  'registration.account_exists': 409,
  'registration.too_many_checks': 429,
  'registration.pending_exists': 409,
  'registry.unavailable': 503,
  // login and sessions
  'login.invalid_credentials': 401,
  // no account yet, but the password matches a registration request still being checked
  'login.request_pending': 403,
  // retired: failed logins no longer lock an account (a captcha is asked instead); kept, codes are never reused
  'login.locked': 429,
  'login.rate_limited': 429,
  'login.pending_branch_visit': 403,
  'login.disabled': 403,
  'session.required': 401,
  'session.password_expired': 403,
  'session.forbidden': 403,
  // recovery
  'recovery.not_found': 404,
  'recovery.no_mobile': 409,
  'recovery.no_questions': 409,
  'recovery.method_required': 400,
  'recovery.wrong_answers': 400,
  'recovery.too_many_attempts': 429,
  'recovery.no_method': 409,
  'recovery.identifier_format': 400,
  'recovery.code_attempts': 429,
  // payments
  'payment.card_format': 400,
  'payment.gateway_unavailable': 503,
  'payment.gateway_refused': 502,
  'payment.cancelled': 400,
  'payment.failed': 402,
  'payment.pending': 409,
  'payment.late': 409,
  'payment.duplicate': 409,
  'payment.mismatch': 400,
  'payment.expired': 410,
  'payment.not_found': 404,
  'payment.already_paid': 409,
  // flows and requests
  'flow.not_found': 404,
  'flow.expired': 410,
  'flow.conflict': 409,
  'flow.wrong_step': 409,
  'csrf.invalid': 403,
  'ops.unauthorized': 401,
  'request.invalid': 400,
  'request.not_found': 404,
  'server.busy': 503,
  'server.error': 500,
  // Sejam
  'sejam.person_type_required': 400,
  'form.required': 400,
  'form.choose': 400,
  'form.too_long': 400,
  'sejam.bank_default_required': 400,
  'sejam.bank_duplicate': 400,
  'sejam.bank_incomplete': 400,
  'sejam.registration_date_in_future': 400,
  'sejam.registrant_not_listed': 400,
  'sejam.representative_duplicate': 400,
  'sejam.signatory_required': 400,
  'sejam.forms_closed': 409,
  'sejam.forms_missing': 400,
  'sejam.confirm_required': 400,
  'sejam.inquiry_identity': 422,
  'sejam.inquiry_mobile': 422,
  'sejam.inquiry_bank_not_owned': 422,
  'sejam.inquiry_bank_closed': 422,
  'sejam.inquiry_postal_not_found': 422,
  'sejam.inquiry_company': 422,
  'sejam.inquiry_unavailable': 503,
  'sejam.foreign_not_accepted': 400,
  'sejam.mobile_not_owner': 400,
  'sejam.identifier_format': 400,
  // the profile view: mobile, person type and national code (or ID) are not one profile's (one answer for every mismatch)
  'sejam.profile_not_matched': 400,
  // editing a registered profile
  'sejam.edit_not_registered': 409,
  'sejam.edit_unchanged': 400,
  'sejam.edit_section_required': 400,
} as const;

export type ErrorCode = keyof typeof errorCatalogue;

export const errorCodes = Object.keys(errorCatalogue) as ErrorCode[];

export function statusOf(code: ErrorCode): number {
  return errorCatalogue[code];
}

export function isErrorCode(s: string): s is ErrorCode {
  return Object.hasOwn(errorCatalogue, s);
}

/** An error in one field of a form (or of the whole form when field is null). */
export interface FieldError {
  field: string | null;
  code: ErrorCode;
  /** Values substituted into the message, e.g. {minutes: 5}. */
  params?: Record<string, string | number>;
}

/** An error that ends a request with a page or JSON error, not a form re-render. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params: Record<string, string | number> = {},
  ) {
    super(code);
  }
}
