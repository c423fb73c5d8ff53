/**
 * Fixed choice lists shipped with the code (occupations, brackets, company types…): each item a
 * stable code, stored, and a Persian label, shown. Codes are `snake_case` and never renamed.
 */

export interface Choice<C extends string = string> {
  readonly code: C;
  readonly label: string;
}

export interface ChoiceList<C extends string> {
  readonly items: readonly Choice<C>[];
  /** Non-empty, in display order: ready for `z.enum(list.codes)`. */
  readonly codes: readonly [C, ...C[]];
  has(code: string): code is C;
  /** The label of a code; an unknown code (an old row, a typo) comes back as itself. */
  label(code: string): string;
}

export function defineChoices<const C extends string>(items: readonly [Choice<C>, ...Choice<C>[]]): ChoiceList<C> {
  const frozen = Object.freeze(items.map((i) => Object.freeze({ code: i.code, label: i.label })));
  const labels = new Map<string, string>(frozen.map((i) => [i.code, i.label]));
  if (labels.size !== frozen.length) throw new Error('defineChoices: duplicate code');
  const codes = Object.freeze(frozen.map((i) => i.code)) as unknown as readonly [C, ...C[]];
  return Object.freeze({
    items: frozen,
    codes,
    has: (code: string): code is C => labels.has(code),
    label: (code: string) => labels.get(code) ?? code,
  });
}

/** `[code, label]` pairs → a list (the data files read best that way). */
export function choices<const C extends string>(
  pairs: readonly [readonly [C, string], ...(readonly [C, string])[]],
): ChoiceList<C> {
  const [first, ...rest] = pairs;
  return defineChoices<C>([{ code: first[0], label: first[1] }, ...rest.map(([code, label]) => ({ code, label }))]);
}
