import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clientNetwork } from '../../../src/security/rate-limit.js';

test('client network: an IPv4 address as is, IPv4-mapped IPv6 as its IPv4', () => {
  assert.equal(clientNetwork('198.51.100.7'), '198.51.100.7');
  assert.equal(clientNetwork('::ffff:198.51.100.7'), '198.51.100.7');
  assert.equal(clientNetwork('unknown'), 'unknown');
});

test('client network: every IPv6 spelling of one /64 is the same network, another /64 is not', () => {
  const net = clientNetwork('2001:db8:7:1::1');
  assert.equal(net, '2001:db8:7:1::/64');
  for (const ip of ['2001:db8:7:1:ffff:1:2:3', '2001:0DB8:0007:0001:0:0:0:9', '2001:db8:7:1::5%eth0'])
    assert.equal(clientNetwork(ip), net, ip);
  assert.notEqual(clientNetwork('2001:db8:7:2::1'), net);
  assert.equal(clientNetwork('2001:db8::1'), '2001:db8:0:0::/64');
  assert.equal(clientNetwork('2001:db8:1:2:3:4:1.2.3.4'), '2001:db8:1:2::/64');
});
