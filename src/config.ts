import { z } from 'zod';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { availableParallelism } from 'node:os';

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
  HOVIYAT_SIM_PEOPLE: z.string().min(1).optional(),
  HOVIYAT_SMS: z.enum(['simulator', 'kavenegar']).default('simulator'),
  KAVENEGAR_API_KEY: z.string().optional(),
  KAVENEGAR_SENDER: z.string().optional(),
  HOVIYAT_CIVIL_REGISTRY: z.enum(['simulator', 'http']).default('simulator'),
  HOVIYAT_MOBILE_OWNERSHIP: z.enum(['simulator', 'http']).default('simulator'),
  HOVIYAT_GATEWAY_URL: z.url().optional(),
  HOVIYAT_GATEWAY_TOKEN: z.string().optional(),
  HOVIYAT_CAPTCHA: z.enum(['svg', 'simulator']).default('svg'),
  HOVIYAT_ALLOW_SIMULATORS: bool.default(false),
  HOVIYAT_REGISTRY_TIMEOUT_MS: z.coerce.number().int().min(100).max(60000).default(5000),
  HOVIYAT_SIM_SLOW_MS: z.coerce.number().int().min(0).max(120000).default(8000),
  HOVIYAT_COOKIE_SECURE: bool.optional(),
  HOVIYAT_WORKERS: bool.default(true),
  HOVIYAT_HASH_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
  HOVIYAT_HASH_QUEUE: z.coerce.number().int().min(0).max(10000).default(64),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Limits {
  /** Flow lifetime since its last step. */
  flowTtlMs: number;
  registrationOtpTtlMs: number;
  recoveryOtpTtlMs: number;
  otpMaxAttempts: number;
  otpResendCooldownMs: number;
  /** Sends allowed per mobile / national code / IP in smsWindowMs. */
  smsPerMobile: number;
  smsPerNationalCode: number;
  smsPerIp: number;
  smsWindowMs: number;
  /** Registration requests with no registry outcome expire after this. */
  registrationPendingMs: number;
  loginCaptchaAfter: number;
  loginLockAfter: number;
  loginLockBaseMs: number;
  loginLockMaxMs: number;
  loginFailureWindowMs: number;
  loginPerIp: number;
  loginIpWindowMs: number;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  captchaTtlMs: number;
  recoveryQuestionAttempts: number;
  /** Wrong security-answer attempts are counted per account over this window. */
  recoveryQuestionWindowMs: number;
}

export const defaultLimits: Limits = Object.freeze({
  flowTtlMs: 60 * 60_000,
  registrationOtpTtlMs: 10 * 60_000,
  recoveryOtpTtlMs: 20 * 60_000,
  otpMaxAttempts: 5,
  otpResendCooldownMs: 60_000,
  smsPerMobile: 5,
  smsPerNationalCode: 5,
  smsPerIp: 25,
  smsWindowMs: 60 * 60_000,
  registrationPendingMs: 48 * 60 * 60_000,
  loginCaptchaAfter: 3,
  loginLockAfter: 6,
  loginLockBaseMs: 15 * 60_000,
  loginLockMaxMs: 24 * 60 * 60_000,
  loginFailureWindowMs: 60 * 60_000,
  loginPerIp: 100,
  loginIpWindowMs: 15 * 60_000,
  sessionIdleMs: 30 * 60_000,
  sessionAbsoluteMs: 12 * 60 * 60_000,
  captchaTtlMs: 10 * 60_000,
  recoveryQuestionAttempts: 5,
  recoveryQuestionWindowMs: 24 * 60 * 60_000,
});

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  publicUrl: string | undefined;
  database: { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string; poolSize: number };
  dataDir: string;
  secret: string;
  simPeoplePath: string | undefined;
  sms: { kind: 'simulator' } | { kind: 'kavenegar'; apiKey: string; sender: string };
  civilRegistry: { kind: 'simulator' } | { kind: 'http'; baseUrl: string; token: string };
  mobileOwnership: { kind: 'simulator' } | { kind: 'http'; baseUrl: string; token: string };
  captcha: 'svg' | 'simulator';
  registryTimeoutMs: number;
  simSlowMs: number;
  cookieSecure: boolean;
  runWorkers: boolean;
  hashConcurrency: number;
  hashQueue: number;
  logLevel: string;
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
  const gateway = (name: string) => {
    if (!env.HOVIYAT_GATEWAY_URL || !env.HOVIYAT_GATEWAY_TOKEN) {
      throw new ConfigError(`${name}=http needs HOVIYAT_GATEWAY_URL and HOVIYAT_GATEWAY_TOKEN.`);
    }
    return { kind: 'http' as const, baseUrl: env.HOVIYAT_GATEWAY_URL, token: env.HOVIYAT_GATEWAY_TOKEN };
  };
  let sms: Config['sms'] = { kind: 'simulator' };
  if (env.HOVIYAT_SMS === 'kavenegar') {
    if (!env.KAVENEGAR_API_KEY || !env.KAVENEGAR_SENDER) {
      throw new ConfigError('HOVIYAT_SMS=kavenegar needs KAVENEGAR_API_KEY and KAVENEGAR_SENDER.');
    }
    sms = { kind: 'kavenegar', apiKey: env.KAVENEGAR_API_KEY, sender: env.KAVENEGAR_SENDER };
  }
  const production = env.NODE_ENV === 'production';
  const config: Config = {
    env: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST,
    publicUrl: env.PUBLIC_URL,
    database: env.DATABASE_URL
      ? { kind: 'postgres', url: env.DATABASE_URL, poolSize: env.DATABASE_POOL_SIZE }
      : { kind: 'pglite', dataDir: join(dataDir, 'pglite') },
    dataDir,
    secret: overrides.secret ?? resolveSecret(env, dataDir),
    simPeoplePath: env.HOVIYAT_SIM_PEOPLE,
    sms,
    civilRegistry: env.HOVIYAT_CIVIL_REGISTRY === 'http' ? gateway('HOVIYAT_CIVIL_REGISTRY') : { kind: 'simulator' },
    mobileOwnership:
      env.HOVIYAT_MOBILE_OWNERSHIP === 'http' ? gateway('HOVIYAT_MOBILE_OWNERSHIP') : { kind: 'simulator' },
    captcha: env.HOVIYAT_CAPTCHA,
    registryTimeoutMs: env.HOVIYAT_REGISTRY_TIMEOUT_MS,
    simSlowMs: env.HOVIYAT_SIM_SLOW_MS,
    cookieSecure: env.HOVIYAT_COOKIE_SECURE ?? production,
    runWorkers: env.HOVIYAT_WORKERS,
    hashConcurrency: env.HOVIYAT_HASH_CONCURRENCY ?? Math.max(1, availableParallelism()),
    hashQueue: env.HOVIYAT_HASH_QUEUE,
    logLevel: env.LOG_LEVEL,
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

type Adapters = Pick<Config, 'sms' | 'civilRegistry' | 'mobileOwnership' | 'captcha'>;

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
  if (c.captcha === 'simulator') found.push('HOVIYAT_CAPTCHA=simulator (the captcha simulator always accepts 12345)');
  return found;
}

/** Which adapter serves each port, for the start-up log: `sms=kavenegar civilRegistry=http …`. */
export function describeAdapters(c: Adapters): string {
  return `sms=${c.sms.kind} civilRegistry=${c.civilRegistry.kind} mobileOwnership=${c.mobileOwnership.kind} captcha=${c.captcha}`;
}
