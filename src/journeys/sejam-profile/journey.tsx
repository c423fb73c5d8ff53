import { z } from 'zod';
import { h, Fragment } from '../../web/jsx.js';
import { Notice } from '../../web/components/form.js';
import { fieldError } from '../../flows/outcome.js';
import { findProfile } from '../../sejam/profiles.js';
import { defineJourney, defineStep } from '../engine/types.js';
import { ownershipSteps, type ProfileViewData } from './ownership.js';
import { ProfilePage, profileView, type ProfileView } from './view.js';

/**
 * The seed's second way back to a tracking code (profilesejam): the registered mobile and a
 * captcha → an SMS code; then that code, the person type, the national code (or national ID) and
 * a captcha → the profile, its tracking code at the top. It needs no SMS but the code's, so it
 * works when the tracking-code SMS never arrived.
 *
 * Nothing here tells a stranger whether a mobile or national code is in Sejam: the code page is
 * the same whether or not any profile has the mobile (a code is issued either way, sent only when
 * one does; see code.ts), and whatever does not fit together (mobile, type, national code) gets
 * one answer, told only to whoever typed the right code.
 */
const profileStep = defineStep<ProfileViewData, Record<never, z.ZodString>, undefined>({
  key: 'profile',
  stage: 'پرونده',
  title: 'پرونده سجام',
  input: z.object({}),
  next: ['closed'],
  primary: 'بستن پرونده',
  // a profile with its tracking code on a screen stays readable only minutes after it was opened
  ttlMs: (L) => L.sejamProfileViewMs,
  async commit(_ctx, flow) {
    if (!flow) return { ok: false, errors: [fieldError(null, 'flow.wrong_step')] };
    return { ok: true, state: 'closed', data: { ...flow.data, profileId: null } };
  },
  async load(ctx, flow) {
    const id = flow?.data.profileId;
    const p = id ? await findProfile(ctx.s.db, id) : undefined;
    // the mobile may have been changed since (an edit): then the profile is no longer shown here
    return { profile: p && p.mobile === flow?.data.mobile ? profileView(p) : null };
  },
  body: (v) => {
    const view = v.extra.profile as ProfileView | null | undefined;
    return view ? (
      <Fragment>
        <ProfilePage view={view} />
        {view.trackingCode ? (
          <p>
            <a href="/sejam/edit">ویرایش اطلاعات سجام</a>
          </p>
        ) : null}
      </Fragment>
    ) : (
      <Notice kind="warning">
        <p>این پرونده دیگر در دسترس نیست. برای دیدن آن از ابتدا شروع کنید.</p>
      </Notice>
    );
  },
});

const initial = (): ProfileViewData => ({ mobile: null, profileId: null });

export const sejamProfileView = defineJourney<ProfileViewData>({
  kind: 'sejam_profile_view',
  title: 'مشاهده پرونده سجام',
  basePath: '/sejam/profile',
  apiPath: '/api/v1/sejam/profile',
  apiTag: 'sejam',
  access: 'anonymous',
  ttlMs: (L) => L.sejamViewOtpTtlMs,
  data: z.object({
    mobile: z
      .string()
      .regex(/^09\d{9}$/)
      .nullable(),
    profileId: z.uuid().nullable(),
  }),
  initial,
  steps: [...ownershipSteps<ProfileViewData>({ next: 'profile', primary: 'مشاهده پرونده', initial }), profileStep],
  ends: [{ state: 'closed', redirect: () => '/', ttlMs: () => 60_000 }],
});
