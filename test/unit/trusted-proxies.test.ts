import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isAddressOrCidr, loadConfig } from '../../src/config.js';

const dir = () => mkdtempSync(join(tmpdir(), 'hoviyat-proxies-'));

test('no proxy is trusted unless named', () => {
  assert.deepEqual(loadConfig({ HOVIYAT_DATA_DIR: dir() }).trustedProxies, []);
  const c = loadConfig({ HOVIYAT_DATA_DIR: dir(), HOVIYAT_TRUSTED_PROXIES: ' 10.0.0.0/8 ,::1,192.0.2.1' });
  assert.deepEqual(c.trustedProxies, ['10.0.0.0/8', '::1', '192.0.2.1']);
});

test('a malformed proxy entry stops the start, naming the setting', () => {
  for (const bad of ['10.0.0.0/33', 'proxy.local', '10.0.0/8', '::1/129', '1.2.3.4/8/1', '*']) {
    assert.equal(isAddressOrCidr(bad), false, bad);
    assert.throws(
      () => loadConfig({ HOVIYAT_DATA_DIR: dir(), HOVIYAT_TRUSTED_PROXIES: bad }),
      /HOVIYAT_TRUSTED_PROXIES/,
    );
  }
  for (const good of ['127.0.0.1', '0.0.0.0/0', 'fd00::/8', '2001:db8::1']) assert.equal(isAddressOrCidr(good), true);
});
