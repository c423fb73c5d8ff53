import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import type { Clock } from './clock.js';
import { PasswordHasher } from './security/password-hasher.js';
import { CaptchaService } from './security/captcha-service.js';
import { AltchaProofs } from './security/altcha.js';
import { RateLimiter } from './security/rate-limit.js';
import { OtpService } from './otp/otp-service.js';
import { SessionStore } from './identity/sessions.js';
import { createCaptchaGenerator } from './registries/captcha/index.js';
import { createCivilRegistry, type CivilRegistry } from './registries/civil-registry/index.js';
import { createMobileOwnership, type MobileOwnership } from './registries/mobile-ownership/index.js';
import { createSmsGateway, type SmsGateway } from './registries/sms/index.js';
import { createBankAccountOwnership, type BankAccountOwnership } from './registries/bank-accounts/index.js';
import { createPostalCodeRegistry, type PostalCodeRegistry } from './registries/postal-codes/index.js';
import { createCompaniesRegistry, type CompaniesRegistry } from './registries/companies/index.js';
import type { InquiryHttpConfig, InquirySimulatorConfig } from './registries/inquiry-config.js';
import { loadPopulation, type Population } from './registries/simulation/population.js';
import { loadInquiryRecords, type InquiryRecords } from './registries/simulation/inquiry-records.js';
import { databaseInboxSink } from './sms/outbox.js';
import { createPaymentGateway, SimulatedBank, type PaymentGateway } from './registries/payment/index.js';
import { PaymentService } from './payments/service.js';

/** Everything a flow or route may use, built once per app from the config. */
export interface Services {
  config: Readonly<Config>;
  db: Database;
  clock: Clock;
  hasher: PasswordHasher;
  captcha: CaptchaService;
  rates: RateLimiter;
  otp: OtpService;
  sessions: SessionStore;
  civilRegistry: CivilRegistry;
  mobileOwnership: MobileOwnership;
  /** Sejam inquiry: does this Sheba belong to this national code / national ID? */
  bankAccounts: BankAccountOwnership;
  /** Sejam inquiry: does this postal code exist, and with which address? */
  postalCodes: PostalCodeRegistry;
  /** Sejam inquiry: a legal person's registration and its representatives. */
  companies: CompaniesRegistry;
  smsGateway: SmsGateway;
  payments: PaymentService;
  /** The simulated bank behind the simulator gateway and its dev page (null with a real gateway). */
  simulatedBank: SimulatedBank | null;
  log: FastifyBaseLogger;
}

export interface ServiceOverrides {
  civilRegistry?: CivilRegistry;
  mobileOwnership?: MobileOwnership;
  bankAccounts?: BankAccountOwnership;
  postalCodes?: PostalCodeRegistry;
  companies?: CompaniesRegistry;
  smsGateway?: SmsGateway;
  paymentGateway?: PaymentGateway;
}

/** The configured payment gateway; the simulator's bank keeps its book in this database. */
function paymentGateway(config: Readonly<Config>, bank: SimulatedBank | null, clock: Clock): PaymentGateway {
  const timeoutMs = config.paymentTimeoutMs;
  const p = config.payment;
  if (p.kind === 'mellat') return createPaymentGateway({ ...p, timeoutMs, clock });
  if (p.kind === 'zarinpal') return createPaymentGateway({ ...p, timeoutMs });
  if (!bank) throw new Error('the simulator gateway needs its bank');
  return createPaymentGateway({ kind: 'simulator', bank, baseUrl: publicBase(config), timeoutMs });
}

const publicBase = (config: Readonly<Config>) => (config.publicUrl ?? '').replace(/\/+$/, '');

export function buildServices(
  config: Readonly<Config>,
  db: Database,
  clock: Clock,
  log: FastifyBaseLogger,
  overrides: ServiceOverrides = {},
): Services {
  const L = config.limits;
  let population: Population | undefined;
  const sim = () => (population ??= loadPopulation(config.simPeoplePath));
  const timeoutMs = config.registryTimeoutMs;
  let records: InquiryRecords | undefined;
  /** A Sejam inquiry port's factory options: its gateway, or a simulator over the simulated records. */
  const inquiry = (c: Config['bankAccounts']): InquirySimulatorConfig | InquiryHttpConfig =>
    c.kind === 'http'
      ? { ...c, timeoutMs }
      : {
          kind: 'simulator',
          records: (records ??= loadInquiryRecords({ population: sim(), companiesPath: config.simCompaniesPath })),
          slowMs: config.simSlowMs,
          timeoutMs,
        };
  const rates = new RateLimiter(db, clock, config.secret);
  const simulatedBank =
    config.payment.kind === 'simulator' ? new SimulatedBank(db, clock, { slowMs: config.simSlowMs }) : null;
  const gateway = overrides.paymentGateway ?? paymentGateway(config, simulatedBank, clock);
  return {
    config,
    db,
    clock,
    hasher: new PasswordHasher(config.hashConcurrency, config.hashQueue),
    captcha: new CaptchaService(
      db,
      clock,
      config.secret,
      createCaptchaGenerator(config.captcha),
      L.captchaTtlMs,
      rates,
      {
        perIp: L.captchaPerIp,
        windowMs: L.captchaIpWindowMs,
      },
      new AltchaProofs(db, clock, config.secret, { ttlMs: L.captchaTtlMs, maxNumber: L.altchaMaxNumber }),
    ),
    rates,
    otp: new OtpService(clock, config.secret, rates, { maxAttempts: L.otpMaxAttempts, windowMs: L.otpGuessWindowMs }),
    sessions: new SessionStore(db, clock, L.sessionIdleMs, L.sessionAbsoluteMs),
    civilRegistry:
      overrides.civilRegistry ??
      createCivilRegistry(
        config.civilRegistry.kind === 'http'
          ? { ...config.civilRegistry, timeoutMs }
          : { kind: 'simulator', population: sim(), slowMs: config.simSlowMs, timeoutMs },
      ),
    mobileOwnership:
      overrides.mobileOwnership ??
      createMobileOwnership(
        config.mobileOwnership.kind === 'http'
          ? { ...config.mobileOwnership, timeoutMs }
          : { kind: 'simulator', population: sim(), slowMs: config.simSlowMs, timeoutMs },
      ),
    bankAccounts: overrides.bankAccounts ?? createBankAccountOwnership(inquiry(config.bankAccounts)),
    postalCodes: overrides.postalCodes ?? createPostalCodeRegistry(inquiry(config.postalCodes)),
    companies: overrides.companies ?? createCompaniesRegistry(inquiry(config.companies)),
    smsGateway: overrides.smsGateway ?? createSmsGateway(config.sms, databaseInboxSink(db, clock)),
    payments: new PaymentService({ db, clock, log, gateway, limits: L, publicUrl: publicBase(config) }),
    simulatedBank,
    log,
  };
}
