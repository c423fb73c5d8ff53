import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PasswordHasher } from '../../../src/security/password-hasher.js';
import { AppError } from '../../../src/errors/catalogue.js';

test('argon2id with the OWASP parameters; verify tells right from wrong', async () => {
  const h = new PasswordHasher(2, 4);
  const encoded = await h.hash('Secret123');
  assert.match(encoded, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  assert.equal(await h.verify(encoded, 'Secret123'), true);
  assert.equal(await h.verify(encoded, 'Secret124'), false);
  assert.equal(await h.verify('not-a-hash', 'x'), false);
  assert.equal(await h.verifyAgainstNothing('x'), false);
});

test('a full queue refuses with server.busy instead of growing', async () => {
  const h = new PasswordHasher(1, 2);
  const jobs = Array.from({ length: 6 }, () =>
    h.hash('Secret123').then(
      () => 'ok',
      (e: unknown) => (e instanceof AppError ? e.code : 'other'),
    ),
  );
  const results = await Promise.all(jobs);
  assert.deepEqual(results.filter((r) => r === 'ok').length, 3);
  assert.deepEqual(results.filter((r) => r === 'server.busy').length, 3);
});

test('admission caps requests in flight at pool + queue and frees on release', () => {
  const h = new PasswordHasher(2, 1);
  const tickets = [h.admit(), h.admit(), h.admit()];
  assert.ok(tickets.every(Boolean));
  assert.equal(h.admit(), null);
  tickets[0]!();
  tickets[0]!();
  const again = h.admit();
  assert.ok(again);
  assert.equal(h.admit(), null);
});
