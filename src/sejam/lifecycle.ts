/**
 * A Sejam profile's life, declared once: the states a profile passes through and the events that
 * move it. Every change of state goes through `moveProfile` (a conditional update on the state
 * it leaves), so two nodes handling the same event cannot both move it; the state diagram in
 * docs/lifecycles/ is drawn from this table.
 */
export const profileStates = [
  'mobile_verified',
  'paid',
  'forms',
  'under_inquiry',
  'inquiry_failed',
  'tracking_code',
  'awaiting_authentication',
  'authenticated',
  'trading_code',
] as const;
export type ProfileState = (typeof profileStates)[number];

export interface Transition {
  event: string;
  from: readonly ProfileState[];
  to: ProfileState;
}

export const profileTransitions = [
  { event: 'fee_paid', from: ['mobile_verified'], to: 'paid' },
  { event: 'form_saved', from: ['paid'], to: 'forms' },
  { event: 'confirmed', from: ['forms', 'inquiry_failed'], to: 'under_inquiry' },
  { event: 'inquiry_failed', from: ['under_inquiry'], to: 'inquiry_failed' },
  { event: 'correction_started', from: ['inquiry_failed'], to: 'forms' },
  { event: 'tracking_code_issued', from: ['under_inquiry'], to: 'tracking_code' },
  // identity authentication (in person, or once remotely) is its own journey; its states wait here
  { event: 'authentication_requested', from: ['tracking_code'], to: 'awaiting_authentication' },
  { event: 'authentication_failed', from: ['awaiting_authentication'], to: 'tracking_code' },
  { event: 'authenticated', from: ['awaiting_authentication'], to: 'authenticated' },
  { event: 'trading_code_issued', from: ['authenticated'], to: 'trading_code' },
] as const satisfies readonly Transition[];

export type ProfileEvent = (typeof profileTransitions)[number]['event'];

export function transitionOf(event: ProfileEvent): Transition {
  return profileTransitions.find((t) => t.event === event)!;
}

/** Which forms are open: none before the fee is paid, none while the answers are being checked. */
export function formsOpen(state: ProfileState): boolean {
  return state === 'paid' || state === 'forms' || state === 'inquiry_failed';
}

/** A profile past the inquiry keeps its tracking code whatever happens next. */
export function hasTrackingCode(state: ProfileState): boolean {
  return profileStates.indexOf(state) >= profileStates.indexOf('tracking_code');
}

export function lifecycleDiagram(): string {
  const lines = ['stateDiagram-v2', `  [*] --> ${profileStates[0]}`];
  for (const t of profileTransitions) for (const from of t.from) lines.push(`  ${from} --> ${t.to}: ${t.event}`);
  lines.push('  trading_code --> [*]');
  return `${lines.join('\n')}\n`;
}

export function lifecycleDocument(): string {
  return [
    '# Sejam profile lifecycle (`sejam_profiles.state`)',
    '',
    'Generated from `src/sejam/lifecycle.ts` by `npm run diagrams`; do not edit by hand.',
    '',
    '```mermaid',
    lifecycleDiagram().trimEnd(),
    '```',
    '',
  ].join('\n');
}
