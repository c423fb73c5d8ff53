/** Registration steps 3 and 4: the birth-certificate (or, for foreign nationals, identity) data and the email. */
import type { Services } from '../../services.js';
import type { FieldError } from '../../errors/catalogue.js';
import { moveFlow } from '../step.js';
import { fail, fieldError, str, type Input, type StepOutcome } from '../outcome.js';
import { normalizeDigits } from '../../domain/digits.js';
import { validatePersonName, validateShenasnamehNumber } from '../../domain/names.js';
import { jalaliFromParts, validateBirthDate } from '../../domain/jalali.js';
import { validateEmail } from '../../domain/email.js';
import { ui } from '../../phrases/ui.js';
import { guard, later, resumeStep, type RegistrationData, type RegistrationFlow } from './navigation.js';

export async function submitBirthCertificate(
  s: Services,
  flow: RegistrationFlow,
  input: Input,
): Promise<StepOutcome<RegistrationData>> {
  const g = guard(flow, 'birth_certificate');
  if (g.length) return fail(flow, g);
  const nationalCode = flow.data.identity?.nationalCode ?? '';
  const errors: FieldError[] = [];
  const names = (['firstName', 'lastName', 'fatherName'] as const).map((k) => {
    const r = validatePersonName(str(input, k));
    // the message names the field: three empty names are three different lines in the summary
    if (!r.ok) errors.push(fieldError(k, r.error, { field: ui[k] }));
    return r.ok ? r.value : '';
  });
  // foreign nationals have no shenasnameh: their FIDA code stands in its place
  const shen =
    flow.data.personKind === 'foreign'
      ? ({ ok: true, value: nationalCode } as const)
      : validateShenasnamehNumber(str(input, 'shenasnamehNumber'), nationalCode);
  if (!shen.ok) errors.push(fieldError('shenasnamehNumber', shen.error));
  const parts = {
    y: normalizeDigits(str(input, 'birthDate_y')).trim(),
    m: str(input, 'birthDate_m').trim(),
    d: normalizeDigits(str(input, 'birthDate_d')).trim(),
  };
  let birthIso = '';
  if (!parts.y && !parts.m && !parts.d) {
    errors.push(fieldError('birthDate', 'date.required'));
  } else {
    const parsed = jalaliFromParts(parts.y, parts.m, parts.d);
    if (!parsed.ok) errors.push(fieldError('birthDate', parsed.error));
    else {
      const b = validateBirthDate(`${parsed.jy}/${parsed.jm}/${parsed.jd}`, s.clock.now());
      if (!b.ok) errors.push(fieldError('birthDate', b.error));
      else birthIso = b.iso;
    }
  }
  const gender = str(input, 'gender');
  if (gender !== 'male' && gender !== 'female') errors.push(fieldError('gender', 'gender.required'));
  if (errors.length) return fail(flow, errors);
  const data: RegistrationData = {
    ...flow.data,
    birth: {
      firstName: names[0]!,
      lastName: names[1]!,
      fatherName: names[2]!,
      shenasnamehNumber: shen.ok ? shen.value : '',
      birthDate: parts,
      birthDateIso: birthIso,
      gender: gender as 'male' | 'female',
    },
    reached: later(flow.data.reached, 'email'),
    drafts: { ...flow.data.drafts, birth_certificate: {} },
  };
  return moveFlow(s, flow, resumeStep(data, 'email'), data);
}

export async function submitEmail(
  s: Services,
  flow: RegistrationFlow,
  input: Input,
): Promise<StepOutcome<RegistrationData>> {
  const g = guard(flow, 'email');
  if (g.length) return fail(flow, g);
  const raw = str(input, 'email').trim();
  let email: string | null = null;
  if (raw) {
    const r = validateEmail(raw);
    if (!r.ok) return fail(flow, [fieldError('email', r.error)]);
    email = r.value;
  }
  const data: RegistrationData = {
    ...flow.data,
    email: { email },
    reached: later(flow.data.reached, 'password'),
    drafts: { ...flow.data.drafts, email: {} },
  };
  return moveFlow(s, flow, resumeStep(data, 'password'), data);
}
