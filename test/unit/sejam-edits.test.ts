import { test } from 'node:test';
import assert from 'node:assert/strict';
import { editChanges } from '../../src/sejam/edits.js';
import { maskEmail } from '../../src/domain/email.js';
import { maskLandline } from '../../src/domain/landline.js';

test('edit history: only changed fields, in a stable order, sensitive values masked', () => {
  const before = {
    accounts: [{ sheba: 'IR820540102680020817909002', branch: 'مرکزی', isDefault: true }],
  };
  const after = {
    accounts: [
      { sheba: 'IR820540102680020817909002', branch: 'مرکزی', isDefault: false },
      { sheba: 'IR380170000000103456789001', branch: 'ونک', isDefault: true },
    ],
  };
  assert.deepEqual(editChanges('bank', before, after), [
    { field: 'bank.accounts.1.isDefault', from: 'true', to: 'false' },
    { field: 'bank.accounts.2.branch', from: null, to: 'ونک' },
    { field: 'bank.accounts.2.isDefault', from: null, to: 'true' },
    { field: 'bank.accounts.2.sheba', from: null, to: 'IR38017***************9001' },
  ]);
  // two Shebas that mask alike are still a change (the raw values are compared)
  const a = { accounts: [{ sheba: 'IR820540102680020817909002' }] };
  const b = { accounts: [{ sheba: 'IR820540000000000000009002' }] };
  assert.equal(editChanges('bank', a, b).length, 1);
  assert.deepEqual(
    editChanges('contact', { email: null, landline: '02188776655' }, { email: 'a@b.ir', landline: '02188776655' }),
    [{ field: 'contact.email', from: null, to: 'a@b.ir' }],
  );
  assert.deepEqual(editChanges('job', { workPhone: '03132221100' }, { workPhone: '' }), [
    { field: 'job.workPhone', from: '031*****100', to: '' },
  ]);
});

test('masks keep the shape, never the middle', () => {
  assert.equal(maskEmail('maryam@example.com'), 'm*****@example.com');
  assert.equal(maskEmail('no-at-sign'), '**********');
  assert.equal(maskLandline('02188776655'), '021*****655');
  assert.equal(maskLandline('12345'), '*****');
});
