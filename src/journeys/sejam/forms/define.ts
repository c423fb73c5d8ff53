import type { z } from 'zod';
import type { FieldError } from '../../../errors/catalogue.js';
import type { Html } from '../../../web/jsx.js';
import type { Executor } from '../../../db/database.js';
import type { Profile } from '../../../sejam/profiles.js';
import type { Section, SectionName } from '../../../sejam/sections.js';
import type { FormShape } from '../../engine/types.js';

/**
 * One Sejam form (a section of the profile): its typed fields as one schema, how they become the
 * stored section, how a stored section fills the form again, and its fields as TSX. The journey
 * turns each into a step; the review and the profile view read the section back.
 */
export interface SejamForm<N extends SectionName, S extends FormShape = FormShape> {
  section: N;
  stage: string;
  title: string;
  input: z.ZodObject<S>;
  parse(
    input: Record<string, string>,
    profile: Profile,
    now: Date,
    context?: FormContext,
  ): { ok: true; value: Section<N> } | { ok: false; errors: FieldError[] };
  /**
   * What the form needs to know beyond the profile (the registry's record for the identity form),
   * read for the page and again for the submit; `suggested` fills a form never saved.
   */
  context?(db: Executor, profile: Profile): Promise<FormContext>;
  /** A stored section as the form's strings (to edit it again). */
  values(section: Section<N>): Record<string, string>;
  body(v: FormView): Html;
  /** The section as label/value rows for the review and the profile view. */
  summary(section: Section<N>): { label: string; value: string; ltr?: boolean }[];
}

export interface FormContext {
  /** What the page and the API show beside the form. */
  facts: Record<string, unknown>;
  /** The values a form never saved opens with. */
  suggested: Record<string, string> | null;
  /** What only `parse` reads (never sent to a page or an app). */
  internal?: unknown;
}

export interface FormView {
  values: Record<string, string>;
  errors: FieldError[];
  profile: Profile | null;
  /** What the step's load gave the page (e.g. the registry's answer for the identity form). */
  extra: Record<string, unknown>;
}

/** Collects field errors while parsing a form. */
export class Errors {
  readonly list: FieldError[] = [];
  add(field: string, code: FieldError['code'], params?: Record<string, string | number>): void {
    this.list.push(params ? { field, code, params } : { field, code });
  }
  get any(): boolean {
    return this.list.length > 0;
  }
}

/** Free text as typed, trimmed, with Persian letters normalised; '' when empty. */
export { normalizePersianText as cleanText } from '../../../domain/digits.js';
