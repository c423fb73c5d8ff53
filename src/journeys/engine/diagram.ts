import type { Journey } from './types.js';

/**
 * The mermaid state diagram of a journey, drawn from its step table (the transitions each step
 * declares, «مرحله قبل», and the end states). docs/journeys/ holds the generated copies
 * (`npm run diagrams`); a test fails when they differ from this.
 */
export function journeyDiagram<D>(j: Journey<D>): string {
  const lines = ['stateDiagram-v2', `  [*] --> ${j.steps[0]!.key}`];
  for (const step of j.steps) {
    for (const next of step.next) lines.push(`  ${step.key} --> ${next}${next === step.key ? ': again' : ''}`);
    for (const name of Object.keys(step.actions ?? {})) lines.push(`  ${step.key} --> ${step.key}: ${name}`);
    if (step.back) lines.push(`  ${step.key} --> ${step.back.to}: back`);
  }
  for (const [state, wait] of Object.entries(j.waits ?? {})) {
    for (const next of wait.next) lines.push(`  ${state} --> ${next}: ${wait.job.queue}`);
  }
  for (const end of j.ends) lines.push(`  ${end.state} --> [*]`);
  return `${[...new Set(lines)].join('\n')}\n`;
}

/** The checked-in document for a journey: a title and its diagram. */
export function diagramDocument<D>(j: Journey<D>): string {
  return [
    `# ${j.title} (\`${j.kind}\`)`,
    '',
    `Generated from \`src/journeys/\` by \`npm run diagrams\`; do not edit by hand.`,
    '',
    '```mermaid',
    journeyDiagram(j).trimEnd(),
    '```',
    '',
  ].join('\n');
}
