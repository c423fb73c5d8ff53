import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { z } from 'zod';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { FormClient } from '../helpers/browser.js';
import { defineJourney, defineStep } from '../../src/journeys/engine/types.js';
import { registerJourneyPages } from '../../src/journeys/engine/pages.js';
import { TextField } from '../../src/web/components/form.js';
import { fieldError } from '../../src/flows/outcome.js';
import { h } from '../../src/web/jsx.js';

/**
 * The engine's ways back over a journey: steps already taken open again (Journey.open), drafts
 * kept by «مرحله قبل» survive going forward, and a failed submit on a flow that moved meanwhile
 * follows the flow instead of showing a stale error.
 */
const ORDER = ['name', 'city', 'confirm'] as const;
type Data = { name: string; city: string; reached: (typeof ORDER)[number] };
const later = (a: Data['reached'], b: Data['reached']) => (ORDER.indexOf(a) >= ORDER.indexOf(b) ? a : b);

const name = defineStep<Data, { name: z.ZodString }, undefined>({
  key: 'name',
  stage: 'نام',
  title: 'نام',
  input: z.object({ name: z.string().max(40) }),
  next: ['city'],
  prefill: (flow) => ({ name: flow.data.name }),
  async commit(_ctx, flow, input) {
    const data = flow?.data ?? { name: '', city: '', reached: 'name' as const };
    return { ok: true, state: 'city', data: { ...data, name: input.name, reached: later(data.reached, 'city') } };
  },
  body: (v) => <TextField name="name" label="نام" value={v.values.name} />,
});

const city = defineStep<Data, { city: z.ZodString }, undefined>({
  key: 'city',
  stage: 'شهر',
  title: 'شهر',
  input: z.object({ city: z.string().max(40) }),
  next: ['confirm'],
  back: { to: 'name' },
  prefill: (flow) => ({ city: flow.data.city }),
  async prepare(ctx, flow, input) {
    if (input.city === 'race' && flow) {
      // another tab moves the flow while this submit runs
      await ctx.s.db
        .updateTable('flows')
        .set({ state: 'confirm', version: sql`version + 1` })
        .where('id', '=', flow.id)
        .execute();
    }
    return input.city && input.city !== 'race'
      ? { ok: true, value: undefined }
      : { ok: false, errors: [fieldError('city', 'request.invalid')] };
  },
  async commit(_ctx, flow, input) {
    const data = flow!.data;
    return { ok: true, state: 'confirm', data: { ...data, city: input.city, reached: 'confirm' } };
  },
  body: (v) => <TextField name="city" label="شهر" value={v.values.city} />,
});

const confirm = defineStep<Data, Record<string, never>, undefined>({
  key: 'confirm',
  stage: 'تایید',
  title: 'تایید',
  input: z.object({}),
  next: ['done'],
  back: { to: 'city' },
  commit: async (_ctx, flow) => ({ ok: true, state: 'done', data: flow!.data }),
  body: (v) => <p data-confirm>{`${v.flow?.data.name} / ${v.flow?.data.city}`}</p>,
});

const journey = defineJourney<Data>({
  kind: 'test_open',
  title: 'آزمون',
  basePath: '/test-open',
  apiPath: '/api/test-open',
  apiTag: 'test',
  access: 'anonymous',
  ttlMs: () => 60 * 60_000,
  data: z.object({ name: z.string(), city: z.string(), reached: z.enum(ORDER) }),
  initial: () => ({ name: '', city: '', reached: 'name' }),
  steps: [name, city, confirm],
  open: (flow) => ORDER.slice(0, ORDER.indexOf(flow.data.reached) + 1),
  ends: [{ state: 'done', redirect: () => '/' }],
});

let t: TestApp;
before(async () => {
  t = await createTestApp();
  registerJourneyPages(t.app, t.services, journey);
});
after(async () => t.close());

async function toConfirm() {
  const c = new FormClient(t.app);
  await c.get('/test-open');
  await c.submit({ name: 'مریم' });
  const page = await c.submit({ city: 'تبریز' });
  assert.match(page.url, /^\/test-open\/confirm\?flow=/);
  return { c, id: /flow=([0-9a-f-]{36})/.exec(page.url)![1]! };
}

test('a step already taken opens again and may be submitted; a step not reached lands on the furthest', async () => {
  const c = new FormClient(t.app);
  await c.get('/test-open');
  let page = await c.submit({ name: 'مریم' });
  const id = /flow=([0-9a-f-]{36})/.exec(page.url)![1]!;
  const ahead = await c.get(`/test-open/confirm?flow=${id}`, false);
  assert.equal(ahead.location, `/test-open/city?flow=${id}`, 'not reached yet');
  await c.get(ahead.location);
  page = await c.submit({ city: 'تبریز' });
  assert.match(page.url, /\/test-open\/confirm\?/);
  // from the last step, the first one opens without moving the flow
  page = await c.get(`/test-open/name?flow=${id}`);
  assert.equal(page.status, 200);
  assert.match(page.html, /value="مریم"/);
  const row = await t.services.db.selectFrom('flows').select('state').where('id', '=', id).executeTakeFirstOrThrow();
  assert.equal(row.state, 'confirm');
  page = await c.submit({ name: 'سارا' });
  assert.match(page.url, /\/test-open\/city\?/);
  assert.match(page.html, /value="تبریز"/, 'the later data is still there');
});

test('a draft kept by «مرحله قبل» survives going forward again', async () => {
  const { c, id } = await toConfirm();
  let page = await c.post(`/test-open/confirm?flow=${id}`, { _action: 'back' });
  assert.match(page.url, /\/test-open\/city\?/);
  page = await c.submit({ _action: 'back', city: 'شیراز' });
  assert.match(page.url, /\/test-open\/name\?/);
  page = await c.submit({ name: 'مریم' });
  assert.match(page.url, /\/test-open\/city\?/);
  assert.match(page.html, /value="شیراز"/, 'what was typed before «مرحله قبل»');
  page = await c.submit({ city: 'اصفهان' });
  assert.match(page.url, /\/test-open\/confirm\?/);
  page = await c.post(`/test-open/confirm?flow=${id}`, { _action: 'back' });
  assert.match(page.html, /value="اصفهان"/, 'a step taken since shows its data, not its old draft');
});

test('a failed submit on a flow moved meanwhile follows the flow, without a stale error', async () => {
  const c = new FormClient(t.app);
  await c.get('/test-open');
  await c.submit({ name: 'مریم' });
  const page = await c.submit({ city: 'race' });
  assert.match(page.url, /\/test-open\/confirm\?/);
  assert.equal(page.status, 200);
  assert.doesNotMatch(page.html, /error-summary/);
});
