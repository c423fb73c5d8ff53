/** Security and lifetime limits: every budget, window and lifetime, with why it is what it is. */

export interface Limits {
  /** Flow lifetime since its last step. */
  flowTtlMs: number;
  registrationOtpTtlMs: number;
  recoveryOtpTtlMs: number;
  /** Wrong SMS-code guesses allowed per mobile and purpose in otpGuessWindowMs. */
  otpMaxAttempts: number;
  otpGuessWindowMs: number;
  otpResendCooldownMs: number;
  /** Sends allowed per mobile / national code / IP in smsWindowMs. */
  smsPerMobile: number;
  smsPerNationalCode: number;
  smsPerIp: number;
  smsWindowMs: number;
  /** Registration requests with no registry outcome expire after this. */
  registrationPendingMs: number;
  /** Failed logins to one account (in loginFailureWindowMs) after which every login to it needs a captcha. */
  loginCaptchaAfter: number;
  loginFailureWindowMs: number;
  loginPerIp: number;
  loginIpWindowMs: number;
  /** Registration step 1 lookups (ownership check, account exists) per national code and per IP. */
  identityChecksPerNationalCode: number;
  identityChecksPerIp: number;
  identityCheckWindowMs: number;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  captchaTtlMs: number;
  /** Captchas issued per client network (IPv4 address or IPv6 /64) in captchaIpWindowMs. */
  captchaPerIp: number;
  captchaIpWindowMs: number;
  /** The automatic check's difficulty: its secret number is at most this (the browser tries half on average). */
  altchaMaxNumber: number;
  recoveryQuestionAttempts: number;
  /** Wrong security-answer attempts are counted per national code over this window. */
  recoveryQuestionWindowMs: number;
  /** Housekeeping runs once per cluster in each period of this length. */
  purgeEveryMs: number;
  /** Rows are kept this long after they stop mattering (lockouts, sessions, codes, flows). */
  purgeGraceMs: number;
  /** Finished (done or failed) jobs are kept this long. */
  jobRetentionMs: number;
  /** Sent or failed outbox SMS are kept this long. */
  smsRetentionMs: number;
  /** Messages in the development SMS inbox are kept this long. */
  devSmsRetentionMs: number;
  /** A payment not verified this long after its start is reversed (Mellat reverses after 20 minutes). */
  paymentVerifyWindowMs: number;
  /** A payment whose callback never came is verified (or closed) this long after its start. */
  paymentReconcileAfterMs: number;
  /** A callback's verify job waits this long, in case the node verifying at once dies. */
  paymentVerifyRetryMs: number;
  /** «بازیابی کد پیگیری»: tracking-code SMS per profile and per mobile in sejamCodeSmsWindowMs. */
  sejamCodeSmsPerProfile: number;
  sejamCodeSmsPerMobile: number;
  sejamCodeSmsWindowMs: number;
  /** The Sejam profile view: its SMS code's life, and how long the profile stays readable once shown. */
  sejamViewOtpTtlMs: number;
  sejamProfileViewMs: number;
}

/*
 * How the budgets are chosen (docs/security.md has the threat list):
 * - The protection is carried by budgets an attacker cannot multiply: per mobile, per national
 *   code, per account. Budgets per IP address only stop floods: on Iranian mobile networks one
 *   carrier-NAT address fronts thousands of subscribers, so a tight per-IP budget would refuse a
 *   whole neighbourhood while an attacker with many addresses walks past it.
 * - A refused request charges nothing (RateLimiter.chargeAll), so an attacker's refused attempts
 *   never spend the owner's budget.
 * - Nothing an attacker can do with only a national code locks the owner out: failed logins make
 *   a captcha mandatory for that account (the owner solves it and logs in), and the owner can
 *   always recover by SMS within one send window (a code sent at an attacker's request reaches
 *   the owner's phone and works in the owner's own recovery).
 */
export const defaultLimits: Limits = Object.freeze({
  flowTtlMs: 60 * 60_000,
  registrationOtpTtlMs: 10 * 60_000,
  // the seeds' recovery code is valid 20 minutes
  recoveryOtpTtlMs: 20 * 60_000,
  // 5 wrong guesses per mobile per 10 minutes: at most 720 guesses a day at a 6-digit code
  // (login.gov: 10 wrong entries lock for 10 minutes); the person may try again after 10 minutes
  otpMaxAttempts: 5,
  otpGuessWindowMs: 10 * 60_000,
  otpResendCooldownMs: 60_000,
  // 5 sends per mobile and per national code in 15 minutes (login.gov allows 10 per 5 minutes):
  // a short window means a flood of sends delays the owner by minutes, not by hours
  smsPerMobile: 5,
  smsPerNationalCode: 5,
  smsWindowMs: 15 * 60_000,
  // flood guard only (carrier NAT): a single address sending this many is a machine
  smsPerIp: 300,
  registrationPendingMs: 48 * 60 * 60_000,
  loginCaptchaAfter: 3,
  loginFailureWindowMs: 60 * 60_000,
  // flood guard only: about one login a second from one address, sustained
  loginPerIp: 1000,
  loginIpWindowMs: 15 * 60_000,
  // registration step 1 tells whether a national code + mobile pair matches (Shahkar) and whether
  // an account exists: budgeted so it cannot serve as an oracle (a person needs a few tries)
  identityChecksPerNationalCode: 10,
  identityChecksPerIp: 300,
  identityCheckWindowMs: 60 * 60_000,
  sessionIdleMs: 30 * 60_000,
  sessionAbsoluteMs: 12 * 60 * 60_000,
  captchaTtlMs: 10 * 60_000,
  // Only a flood stop: one carrier-NAT address on an Iranian mobile network can front thousands of
  // phones, and a person may need several images per attempt. 120 per 10 minutes (one per 5 s
  // sustained) is far above honest use yet caps one address at ~300 live rows between purges.
  captchaPerIp: 120,
  captchaIpWindowMs: 10 * 60_000,
  // ~15,000 SHA-256 on average: measured ~0.4 s for 50,000 in headless Chromium on this project's
  // 2-core machine, so about a second on a cheap phone's Web Crypto, two at worst. It is a cost
  // per try, not a wall: the per-network budget above is what caps a bot.
  altchaMaxNumber: 30_000,
  recoveryQuestionAttempts: 5,
  recoveryQuestionWindowMs: 24 * 60 * 60_000,
  // Often enough that expired captchas (the bulkiest rows) never pile up for long.
  purgeEveryMs: 15 * 60_000,
  // A day past the end of a row's use: clock skew between nodes or a rule at its edge never
  // removes a live row, and support can still see yesterday's state.
  purgeGraceMs: 24 * 60 * 60_000,
  // A week of finished jobs to look back at when a message or a registry check went wrong.
  jobRetentionMs: 7 * 24 * 60 * 60_000,
  // A month of delivery records to answer "I never got the SMS" with the provider's message id.
  smsRetentionMs: 30 * 24 * 60 * 60_000,
  // Simulated phones (development only): a week is plenty to read a code again.
  devSmsRetentionMs: 7 * 24 * 60 * 60_000,
  // Mellat reverses what is not verified within 20 minutes (Zarinpal allows 30 for a reverse)
  paymentVerifyWindowMs: 20 * 60_000,
  // after the gateways' pages stop taking payment (the simulator's after 15 minutes), before the window
  paymentReconcileAfterMs: 17 * 60_000,
  paymentVerifyRetryMs: 30_000,
  // The tracking code never changes, so a few resends an hour are plenty for its owner, and each
  // one reaches only the owner's phone: a stranger spending them only repeats what the owner has.
  // Per mobile too, for a representative whose one mobile registered many legal persons. Their own
  // budgets (not the SMS-code ones), so this route cannot spend the codes of the profile view.
  sejamCodeSmsPerProfile: 3,
  sejamCodeSmsPerMobile: 6,
  sejamCodeSmsWindowMs: 60 * 60_000,
  // longer than a send window, as for recovery: whenever a flood has spent the mobile's sends, the
  // newest code on the owner's phone still works in the owner's own flow
  sejamViewOtpTtlMs: 20 * 60_000,
  // a profile with its tracking code on a screen: readable for minutes, not for the hour a flow lives
  sejamProfileViewMs: 5 * 60_000,
});
