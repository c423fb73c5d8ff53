import { z } from 'zod';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { availableParallelism } from 'node:os';
import { isIP } from 'node:net';
import { defaultLimits, type Limits } from './limits.js';

export { defaultLimits, type Limits };

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('localhost'),
  PUBLIC_URL: z.url().optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  HOVIYAT_DATA_DIR: z.string().min(1).default('./data'),
  HOVIYAT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  HOVIYAT_OPS_TOKEN: z.string().min(32, 'must be at least 32 characters').optional(),
  HOVIYAT_SIM_PEOPLE: z.string().min(1).optional(),
  HOVIYAT_SIM_COMPANIES: z.string().min(1).optional(),
  HOVIYAT_SMS: z.enum(['simulator', 'kavenegar']).default('simulator'),
  KAVENEGAR_API_KEY: z.string().optional(),
  KAVENEGAR_SENDER: z.string().optional(),
  HOVIYAT_CIVIL_REGISTRY: z.enum(['simulator', 'http']).default('simulator'),
  HOVIYAT_MOBILE_OWNERSHIP: z.enum(['simulator', 'http']).default('simulator'),
  HOVIYAT_GATEWAY_URL: z.url().optional(),
  HOVIYAT_GATEWAY_TOKEN: z.string().optional(),
  // the Sejam inquiries; each may have its own gateway (bank inquiries often come from another vendor)
  HOVIYAT_BANK_ACCOUNTS: z.enum(['simulator', 'http']).default('simulator'),
  HOVIYAT_BANK_ACCOUNTS_URL: z.url().optional(),
  HOVIYAT_BANK_ACCOUNTS_TOKEN: z.string().optional(),
  HOVIYAT_POSTAL_CODES: z.enum(['simulator', 'http']).default('simulator'),
  HOVIYAT_POSTAL_CODES_URL: z.url().optional(),
  HOVIYAT_POSTAL_CODES_TOKEN: z.string().optional(),
  HOVIYAT_COMPANIES: z.enum(['simulator', 'http']).default('simulator'),
  HOVIYAT_COMPANIES_URL: z.url().optional(),
  HOVIYAT_COMPANIES_TOKEN: z.string().optional(),
  HOVIYAT_CAPTCHA: z.enum(['svg', 'simulator']).default('svg'),
  HOVIYAT_PAYMENT_GATEWAY: z.enum(['simulator', 'mellat', 'zarinpal']).default('simulator'),
  HOVIYAT_PAYMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60000).default(10000),
  MELLAT_BASE_URL: z.url().default('https://bpm.shaparak.ir'),
  MELLAT_TERMINAL_ID: z
    .string()
    .regex(/^\d{1,20}$/, 'must be the terminal number (digits)')
    .optional(),
  MELLAT_USERNAME: z.string().min(1).optional(),
  MELLAT_PASSWORD: z.string().min(1).optional(),
  ZARINPAL_BASE_URL: z.url().default('https://payment.zarinpal.com'),
  ZARINPAL_MERCHANT_ID: z.string().min(1).optional(),
  HOVIYAT_ALLOW_SIMULATORS: bool.default(false),
  HOVIYAT_REGISTRY_TIMEOUT_MS: z.coerce.number().int().min(100).max(60000).default(5000),
  HOVIYAT_SIM_SLOW_MS: z.coerce.number().int().min(0).max(120000).default(8000),
  HOVIYAT_COOKIE_SECURE: bool.optional(),
  HOVIYAT_WORKERS: bool.default(true),
  HOVIYAT_HASH_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
  HOVIYAT_HASH_QUEUE: z.coerce.number().int().min(0).max(10000).default(64),
  HOVIYAT_TRUSTED_PROXIES: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean),
    )
    .refine((list) => list.every(isAddressOrCidr), 'must be a comma-separated list of IP addresses or CIDRs')
    .optional(),
  HOVIYAT_SEJAM_FEE_RIAL: z.coerce.number().int().min(0).max(100_000_000_000).default(1_000_000),
  HOVIYAT_SEJAM_FREE_CHANNELS: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((p) => p.trim().toLowerCase())
        .filter(Boolean),
    )
    .refine(
      (list) => list.every((c) => /^[a-z0-9-]{1,40}$/.test(c)),
      'must be a comma-separated list of channel codes (a-z, 0-9, -)',
    )
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/** `10.0.0.1`, `10.0.0.0/8`, `::1`, `fd00::/8`: what a trusted-proxy entry may be. */
export function isAddressOrCidr(entry: string): boolean {
  const [addr, prefix, ...rest] = entry.split('/');
  if (rest.length || !addr) return false;
  const family = isIP(addr);
  if (!family) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  /**
   * Addresses whose X-Forwarded-For is believed. Empty: the socket's peer is the client, so no
   * client can pick the address its budgets and sign-in history are kept under.
   */
  trustedProxies: readonly string[];
  publicUrl: string | undefined;
  database: { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string; poolSize: number };
  dataDir: string;
  secret: string;
  /** Bearer token for /metrics and /api/docs; without one they are open in development, 404 in production. */
  opsToken: string | undefined;
  simPeoplePath: string | undefined;
  simCompaniesPath: string | undefined;
  sms: { kind: 'simulator' } | { kind: 'kavenegar'; apiKey: string; sender: string };
  civilRegistry: { kind: 'simulator' } | { kind: 'http'; baseUrl: string; token: string };
  mobileOwnership: { kind: 'simulator' } | { kind: 'http'; baseUrl: string; token: string };
  bankAccounts: { kind: 'simulator' } | { kind: 'http'; baseUrl: string; token: string };
  postalCodes: { kind: 'simulator' } | { kind: 'http'; baseUrl: string; token: string };
  companies: { kind: 'simulator' } | { kind: 'http'; baseUrl: string; token: string };
  captcha: 'svg' | 'simulator';
  /** The payment gateway; its credentials are secrets (never logged). */
  payment:
    | { kind: 'simulator' }
    | { kind: 'mellat'; baseUrl: string; terminalId: string; userName: string; password: string }
    | { kind: 'zarinpal'; baseUrl: string; merchantId: string };
  paymentTimeoutMs: number;
  registryTimeoutMs: number;
  simSlowMs: number;
  cookieSecure: boolean;
  runWorkers: boolean;
  hashConcurrency: number;
  hashQueue: number;
  logLevel: string;
  sejam: {
    /** The Sejam registration fee in rials (0: free for everyone). */
    feeRial: number;
    freeChannels: readonly string[];
  };
  devTools: boolean;
  limits: Limits;
}

export class ConfigError extends Error {}

/** Reads the secret from the environment, or (outside production) from a file in the data dir. */
function resolveSecret(env: z.infer<typeof envSchema>, dataDir: string): string {
  if (env.HOVIYAT_SECRET) return env.HOVIYAT_SECRET;
  if (env.NODE_ENV === 'production') {
    throw new ConfigError('HOVIYAT_SECRET is required in production (32+ random characters, the same on every node).');
  }
  const file = join(dataDir, 'secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

export function loadConfig(
  source: Record<string, string | undefined> = process.env,
  overrides: Partial<Omit<Config, 'limits'>> & { limits?: Partial<Limits> } = {},
): Readonly<Config> {
  const parsed = envSchema.safeParse(
    Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== '')),
  );
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  const dataDir = resolve(overrides.dataDir ?? env.HOVIYAT_DATA_DIR);
  const gateway = (name: string, own?: { url: string | undefined; token: string | undefined }) => {
    const baseUrl = own?.url ?? env.HOVIYAT_GATEWAY_URL;
    const token = own?.token ?? env.HOVIYAT_GATEWAY_TOKEN;
    if (!baseUrl || !token) {
      const where = own
        ? `${name}_URL and ${name}_TOKEN (or HOVIYAT_GATEWAY_URL and HOVIYAT_GATEWAY_TOKEN)`
        : 'HOVIYAT_GATEWAY_URL and HOVIYAT_GATEWAY_TOKEN';
      throw new ConfigError(`${name}=http needs ${where}.`);
    }
    return { kind: 'http' as const, baseUrl, token };
  };
  const inquiry = (name: string, kind: 'simulator' | 'http', url: string | undefined, token: string | undefined) =>
    kind === 'http' ? gateway(name, { url, token }) : { kind: 'simulator' as const };
  let sms: Config['sms'] = { kind: 'simulator' };
  if (env.HOVIYAT_SMS === 'kavenegar') {
    if (!env.KAVENEGAR_API_KEY || !env.KAVENEGAR_SENDER) {
      throw new ConfigError('HOVIYAT_SMS=kavenegar needs KAVENEGAR_API_KEY and KAVENEGAR_SENDER.');
    }
    sms = { kind: 'kavenegar', apiKey: env.KAVENEGAR_API_KEY, sender: env.KAVENEGAR_SENDER };
  }
  const production = env.NODE_ENV === 'production';
  const payment = paymentConfig(env);
  const config: Config = {
    env: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST,
    trustedProxies: Object.freeze(env.HOVIYAT_TRUSTED_PROXIES ?? []),
    publicUrl: env.PUBLIC_URL,
    database: env.DATABASE_URL
      ? { kind: 'postgres', url: env.DATABASE_URL, poolSize: env.DATABASE_POOL_SIZE }
      : { kind: 'pglite', dataDir: join(dataDir, 'pglite') },
    dataDir,
    secret: overrides.secret ?? resolveSecret(env, dataDir),
    opsToken: env.HOVIYAT_OPS_TOKEN,
    simPeoplePath: env.HOVIYAT_SIM_PEOPLE,
    simCompaniesPath: env.HOVIYAT_SIM_COMPANIES,
    sms,
    civilRegistry: env.HOVIYAT_CIVIL_REGISTRY === 'http' ? gateway('HOVIYAT_CIVIL_REGISTRY') : { kind: 'simulator' },
    mobileOwnership:
      env.HOVIYAT_MOBILE_OWNERSHIP === 'http' ? gateway('HOVIYAT_MOBILE_OWNERSHIP') : { kind: 'simulator' },
    bankAccounts: inquiry(
      'HOVIYAT_BANK_ACCOUNTS',
      env.HOVIYAT_BANK_ACCOUNTS,
      env.HOVIYAT_BANK_ACCOUNTS_URL,
      env.HOVIYAT_BANK_ACCOUNTS_TOKEN,
    ),
    postalCodes: inquiry(
      'HOVIYAT_POSTAL_CODES',
      env.HOVIYAT_POSTAL_CODES,
      env.HOVIYAT_POSTAL_CODES_URL,
      env.HOVIYAT_POSTAL_CODES_TOKEN,
    ),
    companies: inquiry(
      'HOVIYAT_COMPANIES',
      env.HOVIYAT_COMPANIES,
      env.HOVIYAT_COMPANIES_URL,
      env.HOVIYAT_COMPANIES_TOKEN,
    ),
    captcha: env.HOVIYAT_CAPTCHA,
    payment,
    paymentTimeoutMs: env.HOVIYAT_PAYMENT_TIMEOUT_MS,
    registryTimeoutMs: env.HOVIYAT_REGISTRY_TIMEOUT_MS,
    simSlowMs: env.HOVIYAT_SIM_SLOW_MS,
    cookieSecure: env.HOVIYAT_COOKIE_SECURE ?? production,
    runWorkers: env.HOVIYAT_WORKERS,
    hashConcurrency: env.HOVIYAT_HASH_CONCURRENCY ?? Math.max(1, availableParallelism()),
    hashQueue: env.HOVIYAT_HASH_QUEUE,
    logLevel: env.LOG_LEVEL,
    sejam: {
      feeRial: env.HOVIYAT_SEJAM_FEE_RIAL,
      /** Broker channels (named by `?channel=` in the link) that waive the fee. */
      freeChannels: Object.freeze(env.HOVIYAT_SEJAM_FREE_CHANNELS ?? []),
    },
    devTools: !production,
    ...overrides,
    limits: Object.freeze({ ...defaultLimits, ...(overrides.limits ?? {}) }),
  } as Config;
  const simulators = simulatorsInUse(config);
  if (production && simulators.length > 0 && !env.HOVIYAT_ALLOW_SIMULATORS) {
    throw new ConfigError(
      `Production mode would run on simulators: ${simulators.join(', ')}. Configure the real services, or set HOVIYAT_ALLOW_SIMULATORS=1 for a demo.`,
    );
  }
  return Object.freeze(config);
}

/** The payment gateway and its credentials; a real one needs PUBLIC_URL (its callback must be absolute). */
function paymentConfig(env: z.infer<typeof envSchema>): Config['payment'] {
  const kind = env.HOVIYAT_PAYMENT_GATEWAY;
  if (kind === 'simulator') return { kind };
  if (!env.PUBLIC_URL)
    throw new ConfigError(
      `HOVIYAT_PAYMENT_GATEWAY=${kind} needs PUBLIC_URL (the gateway's callback comes back to it).`,
    );
  if (kind === 'mellat') {
    if (!env.MELLAT_TERMINAL_ID || !env.MELLAT_USERNAME || !env.MELLAT_PASSWORD) {
      throw new ConfigError(
        'HOVIYAT_PAYMENT_GATEWAY=mellat needs MELLAT_TERMINAL_ID, MELLAT_USERNAME and MELLAT_PASSWORD.',
      );
    }
    return {
      kind,
      baseUrl: env.MELLAT_BASE_URL,
      terminalId: env.MELLAT_TERMINAL_ID,
      userName: env.MELLAT_USERNAME,
      password: env.MELLAT_PASSWORD,
    };
  }
  if (!env.ZARINPAL_MERCHANT_ID) throw new ConfigError('HOVIYAT_PAYMENT_GATEWAY=zarinpal needs ZARINPAL_MERCHANT_ID.');
  return { kind, baseUrl: env.ZARINPAL_BASE_URL, merchantId: env.ZARINPAL_MERCHANT_ID };
}

type Adapters = Pick<
  Config,
  'sms' | 'civilRegistry' | 'mobileOwnership' | 'bankAccounts' | 'postalCodes' | 'companies' | 'captcha' | 'payment'
>;

/** The settings that put a simulator in place of a real service, each with what it means. */
function simulatorsInUse(c: Adapters): string[] {
  const found: string[] = [];
  if (c.sms.kind === 'simulator') found.push('HOVIYAT_SMS=simulator (the SMS simulator sends no real messages)');
  if (c.civilRegistry.kind === 'simulator') {
    found.push('HOVIYAT_CIVIL_REGISTRY=simulator (the civil-registry simulator vouches for made-up people)');
  }
  if (c.mobileOwnership.kind === 'simulator') {
    found.push('HOVIYAT_MOBILE_OWNERSHIP=simulator (the Shahkar simulator vouches for made-up mobile owners)');
  }
  if (c.bankAccounts.kind === 'simulator') {
    found.push('HOVIYAT_BANK_ACCOUNTS=simulator (the bank-account simulator vouches for made-up account owners)');
  }
  if (c.postalCodes.kind === 'simulator') {
    found.push('HOVIYAT_POSTAL_CODES=simulator (the postal-code simulator knows only made-up addresses)');
  }
  if (c.companies.kind === 'simulator') {
    found.push('HOVIYAT_COMPANIES=simulator (the companies-registry simulator vouches for made-up companies)');
  }
  if (c.captcha === 'simulator') found.push('HOVIYAT_CAPTCHA=simulator (the captcha simulator always accepts 12345)');
  if (c.payment.kind === 'simulator') {
    found.push('HOVIYAT_PAYMENT_GATEWAY=simulator (the payment simulator takes no real money)');
  }
  return found;
}

/** Which adapter serves each port, for the start-up log: `sms=kavenegar civilRegistry=http …`. */
export function describeAdapters(c: Adapters): string {
  const ports = [
    `sms=${c.sms.kind}`,
    `civilRegistry=${c.civilRegistry.kind}`,
    `mobileOwnership=${c.mobileOwnership.kind}`,
    `bankAccounts=${c.bankAccounts.kind}`,
    `postalCodes=${c.postalCodes.kind}`,
    `companies=${c.companies.kind}`,
    `captcha=${c.captcha}`,
    `payment=${c.payment.kind}`,
  ];
  return ports.join(' ');
}
