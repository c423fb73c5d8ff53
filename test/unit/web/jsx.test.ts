import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { h, raw, escapeHtml } from '../../../src/web/jsx.js';

test('text and attributes are escaped; raw is not', () => {
  const el = h('p', { title: '"><script>' }, '<b>x</b>', raw('<i>y</i>'));
  assert.equal(el.value, '<p title="&#34;&#62;&#60;script&#62;">&#60;b&#62;x&#60;/b&#62;<i>y</i></p>');
});

test('no string ever produces a tag through escaping', () => {
  fc.assert(
    fc.property(fc.string(), (s) => {
      const out = escapeHtml(s);
      assert.ok(!/[<>"']/.test(out));
    }),
  );
});

test('boolean and empty attributes', () => {
  assert.equal(h('input', { required: true, disabled: false, value: undefined }).value, '<input required>');
});
