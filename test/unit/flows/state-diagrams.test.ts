import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { registrationTransitions } from '../../../src/flows/registration/steps.js';

/** The first mermaid diagram of a state-diagram.md, as "from --> to: event" triples. */
export function diagramEdges(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const block = /```mermaid\n([\s\S]*?)```/.exec(text)?.[1] ?? '';
  return block
    .split('\n')
    .map((l) => /^\s*(\S+)\s*-->\s*(\S+?)\s*:\s*(.+)$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => `${m[1]} --> ${m[2]}: ${m[3]!.trim()}`);
}

test('the registration diagram shows exactly the declared transitions', () => {
  const file = join(import.meta.dirname, '..', '..', '..', 'src', 'flows', 'registration', 'state-diagram.md');
  const declared = registrationTransitions.map(([a, b, e]) => `${a} --> ${b}: ${e}`);
  assert.deepEqual(diagramEdges(file).sort(), [...declared].sort());
});
