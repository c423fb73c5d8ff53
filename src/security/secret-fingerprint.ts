import { ConfigError } from '../config.js';
import type { Executor } from '../db/database.js';
import { hmac, safeEqualHex } from './hmac.js';

const KEY = 'secret_fingerprint';

/**
 * Identifies the secret without storing it: an HMAC under its own purpose label, so it equals no
 * other value the app derives from the secret (a plain hash might be reused elsewhere).
 */
export function secretFingerprint(secret: string): string {
  return hmac(secret, 'cluster.secret-fingerprint', 'v1');
}

/**
 * The first node to start on a database records its secret's fingerprint; every later node must
 * match it. Nodes with different secrets would each reject the other's codes, CSRF tokens and
 * captchas, and count rate limits under different keys, with nothing in the logs to say why.
 */
export async function checkSecretFingerprint(db: Executor, secret: string): Promise<void> {
  const mine = secretFingerprint(secret);
  await db
    .insertInto('cluster_settings')
    .values({ key: KEY, value: mine })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const stored = await db.selectFrom('cluster_settings').select('value').where('key', '=', KEY).executeTakeFirst();
  if (!stored || !safeEqualHex(stored.value, mine)) {
    throw new ConfigError(
      'HOVIYAT_SECRET is not the secret this database was first started with (its fingerprint is in cluster_settings): ' +
        'every node must run with the same HOVIYAT_SECRET. To change the secret on purpose, stop every node and delete ' +
        `the '${KEY}' row of cluster_settings first.`,
    );
  }
}
