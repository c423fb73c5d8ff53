/** The password rules every journey that sets a password applies (registration, recovery, settings). */
import type { FieldError } from '../errors/catalogue.js';
import { checkPassword } from '../domain/password-policy.js';
import { fieldError } from './outcome.js';

/** Validates a new password and its repeat against the policy; the errors name the fields. */
export function passwordErrors(
  password: string,
  repeat: string,
  personal: { firstName?: string; lastName?: string; nationalCode?: string },
  fields = { password: 'password', repeat: 'passwordRepeat' },
): FieldError[] {
  if (!password) return [fieldError(fields.password, 'password.required')];
  const broken = checkPassword(password, personal);
  if (broken.length) return [fieldError(fields.password, broken[0]!)];
  if (password !== repeat) return [fieldError(fields.repeat, 'password.mismatch')];
  return [];
}
