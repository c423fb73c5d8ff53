import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { journeys } from '../../../src/journeys/index.js';
import { diagramDocument, journeyDiagram } from '../../../src/journeys/engine/diagram.js';
import { keptValues, parseInput } from '../../../src/journeys/engine/run.js';
import { defineJourney, defineStep } from '../../../src/journeys/engine/types.js';
import { h } from '../../../src/web/jsx.js';
import { shownStatus } from '../../../src/journeys/engine/pages.js';
import { fieldErrorsStatus } from '../../../src/api/define.js';
import { fieldError } from '../../../src/flows/outcome.js';

const docs = join(import.meta.dirname, '..', '..', '..', 'docs', 'journeys');

test('every journey has its generated diagram checked in, unchanged (run `npm run diagrams`)', () => {
  for (const j of journeys) {
    assert.equal(readFileSync(join(docs, `${j.kind}.md`), 'utf8'), diagramDocument(j), j.kind);
  }
});

test('every journey is well formed: unique steps, declared moves lead to steps or ends, paths unique', () => {
  const paths = new Set<string>();
  for (const j of journeys) {
    const waits = Object.keys(j.waits ?? {});
    const states = new Set([...j.steps.map((s) => s.key), ...j.ends.map((e) => e.state), ...waits]);
    assert.equal(states.size, j.steps.length + j.ends.length + waits.length, `${j.kind}: a key used twice`);
    for (const [state, w] of Object.entries(j.waits ?? {})) {
      for (const n of w.next) assert.ok(states.has(n), `${j.kind}: ${state} → ${n}`);
    }
    for (const step of j.steps) {
      for (const n of step.next) assert.ok(states.has(n), `${j.kind}/${step.key} → ${n} is no step or end`);
      if (step.back) assert.ok(states.has(step.back.to), `${j.kind}/${step.key} back`);
      for (const secret of step.secret ?? []) assert.ok(secret in step.input.shape, `${j.kind}/${step.key} ${secret}`);
    }
    for (const p of [j.basePath, j.apiPath]) {
      assert.ok(!paths.has(p), p);
      paths.add(p);
    }
  }
});

const step = defineStep<{ n: number }, { name: z.ZodString; pin: z.ZodString; postal_code: z.ZodString }, undefined>({
  key: 'a',
  stage: 'A',
  title: 'A',
  input: z.object({ name: z.string().max(5), pin: z.string().max(8), postal_code: z.string().max(10) }),
  secret: ['pin'],
  next: ['end'],
  commit: async () => ({ ok: true, state: 'end', data: { n: 1 } }),
  body: () => h('p', null),
});

test('drafts and re-shown input come from the schema: secret fields never, the others always', () => {
  // a field list, not a name pattern: "pin" is kept out because it is declared secret, and
  // "postal_code" stays although its name contains "code"
  assert.deepEqual(keptValues(step, { name: 'Ali', pin: '1234', postal_code: '1234567890', extra: 'x' }), {
    name: 'Ali',
    postal_code: '1234567890',
  });
});

test('what is kept is cut at 500 whole characters, never inside a surrogate pair', () => {
  const kept = keptValues(step, { name: 'a'.repeat(499) + '😀' }).name!;
  assert.equal(kept, 'a'.repeat(499));
});

test('input is parsed by the one schema: missing fields read as empty, too long is a field error', () => {
  assert.deepEqual(parseInput(step, { name: 'Ali' }), { ok: true, input: { name: 'Ali', pin: '', postal_code: '' } });
  const r = parseInput(step, { name: 'Alireza', pin: 3 });
  assert.equal(r.ok, false);
  assert.deepEqual(!r.ok && r.errors.map((e) => e.field), ['name']);
});

test('the diagram is drawn from the step table', () => {
  const j = defineJourney<{ n: number }>({
    kind: 'k',
    title: 'K',
    basePath: '/k',
    apiPath: '/api/k',
    apiTag: 'k',
    access: 'anonymous',
    ttlMs: () => 1000,
    data: z.object({ n: z.number() }),
    initial: () => ({ n: 0 }),
    steps: [step],
    ends: [{ state: 'end', redirect: () => '/' }],
  });
  assert.equal(journeyDiagram(j), 'stateDiagram-v2\n  [*] --> a\n  a --> end\n  end --> [*]\n');
});

test('a page showing errors answers 400, or the same 5xx as the API when the fault is not the person’s', () => {
  assert.equal(shownStatus([]), 200);
  assert.equal(shownStatus([fieldError('mobile', 'mobile.format')]), 400);
  // the API is more precise about 4xx (429, 409); a page always asks the person to put something right
  assert.equal(fieldErrorsStatus([fieldError('code', 'otp.too_many_attempts')]), 429);
  assert.equal(shownStatus([fieldError('code', 'otp.too_many_attempts')]), 400);
  const down = [fieldError(null, 'registry.unavailable')];
  assert.equal(shownStatus(down), 503);
  assert.equal(shownStatus(down), fieldErrorsStatus(down), 'one status for pages and the API');
});
