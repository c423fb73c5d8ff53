import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allowed } from '../../src/identity/principal.js';

test('who may run what: citizens their journeys, staff by role, anyone the anonymous ones', () => {
  const citizen = { kind: 'citizen', accountId: 'a' } as const;
  const clerk = { kind: 'staff', accountId: 'b', roles: ['clerk'] } as const;
  const nobody = { kind: 'anonymous' } as const;
  assert.equal(allowed('anonymous', nobody), true);
  assert.equal(allowed('citizen', citizen), true);
  assert.equal(allowed('citizen', clerk), false);
  assert.equal(allowed('citizen', nobody), false);
  assert.equal(allowed({ staff: ['clerk', 'supervisor'] }, clerk), true);
  assert.equal(allowed({ staff: ['supervisor'] }, clerk), false);
  assert.equal(allowed({ staff: ['clerk'] }, citizen), false);
});
