import { z } from 'zod';
import { h, Fragment } from '../../web/jsx.js';
import { Notice } from '../../web/components/form.js';
import { formatRials } from '../../domain/money.js';
import { formatMessage } from '../../phrases/fa.js';
import { fieldError } from '../../flows/outcome.js';
import { OPEN, outcomeCode, outcomeOf, startCode, type Payment } from '../../payments/model.js';
import { feeSettled, findProfile } from '../../sejam/profiles.js';
import { defineStep, type WaitDef } from '../engine/types.js';
import { SEJAM_PAYMENT_PURPOSE, type SejamData } from './data.js';
import { nextForm } from './navigation.js';
import { paymentDoneJob } from './payment.js';
import type { ErrorCode } from '../../errors/catalogue.js';

/**
 * The fee, paid online before any form opens. The payment belongs to the profile (one counted
 * payment per profile, whichever flow pays it); a fee of 0 (a broker's channel that waives it) is
 * recorded without a gateway.
 */
type Started =
  { kind: 'paid' } | { kind: 'gateway'; id: string; browser: NonNullable<SejamData['payment']>['browser'] };

const refOf = (profileId: string) => ({ purpose: SEJAM_PAYMENT_PURPOSE, ref: profileId });

export const feeStep = defineStep<SejamData, Record<string, never>, Started>({
  key: 'fee',
  stage: 'هزینه ثبت نام',
  title: 'پرداخت هزینه ثبت نام',
  input: z.object({}),
  next: ['paying', 'identity', 'company'],
  primary: 'پرداخت',
  async prepare(ctx, flow) {
    const profile = flow?.data.profileId ? await findProfile(ctx.s.db, flow.data.profileId) : undefined;
    if (!flow || !profile) return { ok: false, errors: [fieldError(null, 'flow.wrong_step')] };
    if (profile.state !== 'mobile_verified') return { ok: true, value: { kind: 'paid' } };
    const fee = Number(profile.fee_rial);
    if (fee === 0) {
      await ctx.s.payments.recordWaived(refOf(profile.id), profile.channel ?? 'free');
      return { ok: true, value: { kind: 'paid' } };
    }
    // the gateway is asked here, outside any transaction
    const out = await ctx.s.payments.startPayment(refOf(profile.id), fee, { description: 'هزینه ثبت نام سجام' });
    if (out.kind === 'already_paid') return { ok: true, value: { kind: 'paid' } };
    if (out.kind !== 'redirect')
      return { ok: false, errors: [fieldError(null, startCode(out) ?? 'payment.gateway_unavailable')] };
    return { ok: true, value: { kind: 'gateway', id: out.payment.id, browser: out.browser } };
  },
  async commit(ctx, flow, _input, p) {
    if (!flow?.data.profileId) return { ok: false, errors: [fieldError(null, 'flow.wrong_step')] };
    if (p.kind === 'gateway') {
      return {
        ok: true,
        state: 'paying',
        data: { ...flow.data, payment: { id: p.id, browser: p.browser }, lastPayment: null },
      };
    }
    // a waived fee, or one paid in another tab meanwhile: the forms open
    await feeSettled(ctx.trx, ctx.s.clock, flow.data.profileId, 'fee.waived');
    return { ok: true, state: nextForm(flow.data, null), data: { ...flow.data, payment: null, lastPayment: null } };
  },
  async load(ctx, flow) {
    const profile = flow?.data.profileId ? await findProfile(ctx.s.db, flow.data.profileId) : undefined;
    return { fee: profile ? Number(profile.fee_rial) : ctx.s.config.sejam.feeRial };
  },
  body: (v) => {
    const fee = Number(v.extra.fee ?? 0);
    const last = v.flow?.data.lastPayment as ErrorCode | null | undefined;
    return (
      <Fragment>
        {last ? (
          <Notice kind="warning">
            <p>{formatMessage(last)}</p>
          </Notice>
        ) : null}
        {fee === 0 ? (
          <p>
            هزینه ثبت نام شما را کارگزاری معرف پرداخته است؛ برای رفتن به فرم‌ها «پرداخت» را بزنید (مبلغی از شما گرفته
            نمی‌شود).
          </p>
        ) : (
          <Fragment>
            <p>
              هزینه ثبت نام: <strong>{formatRials(fee)}</strong>. پرداخت از درگاه بانکی (شاپرک) انجام می‌شود و پیش از
              پرداخت هیچ فرمی باز نمی‌شود.
            </p>
            <p class="hint">پس از پرداخت به همین سامانه بازمی‌گردید و رسید پرداخت همیشه در صفحه وضعیت شما می‌ماند.</p>
          </Fragment>
        )}
      </Fragment>
    );
  },
});

/**
 * On the gateway: waits for the payment's outcome (the callback, or the reconcile job). Told of
 * every attempt for the profile that counts or closes; another attempt closing (an older one of
 * this flow, another tab's) leaves this flow waiting for its own.
 */
export const paying: WaitDef<SejamData, { flowId: string }, { state: string; own: Payment | null }> = {
  job: paymentDoneJob,
  next: ['fee', 'identity', 'company'],
  // outside the transaction: on embedded PGlite the handle's transaction holds the one connection
  async check({ s }, flow) {
    const profile = flow.data.profileId ? await findProfile(s.db, flow.data.profileId) : undefined;
    const own = flow.data.payment ? await s.payments.payment(flow.data.payment.id) : null;
    return { state: profile?.state ?? 'mobile_verified', own };
  },
  async handle(_ctx, flow, _event, { state, own }) {
    if (state !== 'mobile_verified') {
      return { ok: true, state: nextForm(flow.data, null), data: flow.data };
    }
    // another attempt closed, this flow's own is still at the gateway: no move, wait on
    if (own && OPEN.includes(own.state)) return { ok: false, errors: [] };
    // the fee page tells what became of this flow's attempt (cancelled, too late, another amount…)
    const told = (own && outcomeCode(outcomeOf(own))) ?? 'payment.failed';
    return { ok: true, state: 'fee', data: { ...flow.data, lastPayment: told } };
  },
  title: 'پرداخت هزینه ثبت نام',
  // an app sends the person's browser to the gateway as the page's button does, then reads the flow
  view: (flow) => ({ gateway: flow.data.payment?.browser ?? null }),
  body: (flow) => {
    const browser = flow.data.payment?.browser;
    return (
      <Fragment>
        <p>برای پرداخت هزینه ثبت نام به درگاه بانکی بروید. پس از پرداخت، بانک شما را به همین صفحه بازمی‌گرداند.</p>
        {browser?.method === 'GET' ? (
          <p>
            <a class="button" href={browser.url}>
              رفتن به درگاه پرداخت
            </a>
          </p>
        ) : browser ? (
          <form method="post" action={browser.url}>
            {Object.entries(browser.fields).map(([k, val]) => (
              <input type="hidden" name={k} value={val} />
            ))}
            <button type="submit" class="button">
              رفتن به درگاه پرداخت
            </button>
          </form>
        ) : null}
        <p class="hint">
          اگر پرداخت کرده‌اید و هنوز این صفحه را می‌بینید، پرداخت در حال تایید است؛ چند لحظه دیگر{' '}
          <a href={`/sejam/paying?flow=${flow.id}`}>صفحه را تازه کنید</a>. پرداختی که تایید نشود از سوی بانک به حساب شما
          بازمی‌گردد.
        </p>
      </Fragment>
    );
  },
};
