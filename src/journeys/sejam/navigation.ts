import { sectionsFor, type SectionName } from '../../sejam/sections.js';
import type { SejamData } from './data.js';

/** The forms this person fills, in order (none before the person step named the type). */
export const formsOf = (data: SejamData): readonly SectionName[] =>
  data.personType ? sectionsFor(data.personType) : [];

/**
 * Where a saved form leads: back to the review when the person came from it (an edit), else the
 * next form not yet saved, else the review.
 */
export function nextForm(data: SejamData, saved: string | null): string {
  const filled = new Set([...data.filled, ...(saved ? [saved] : [])]);
  if (saved && data.reviewed && formsOf(data).every((n) => filled.has(n))) return 'review';
  return formsOf(data).find((n) => !filled.has(n)) ?? 'review';
}

/** The steps a person may open now: every form saved so far, the next one, and the review once all are in. */
export function openForms(data: SejamData, state: string): string[] {
  const forms = formsOf(data);
  if (!forms.includes(state as SectionName) && state !== 'review' && state !== 'failed') return [];
  const filled = forms.filter((n) => data.filled.includes(n));
  const next = forms.find((n) => !data.filled.includes(n));
  return [...filled, ...(next ? [next] : ['review']), ...(state === 'failed' ? ['failed'] : [])];
}
