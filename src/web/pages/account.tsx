import type { FastifyInstance } from 'fastify';
import { h, Fragment } from '../jsx.js';
import type { Services } from '../../services.js';
import { Layout } from '../components/layout.js';
import { Actions, CsrfField, ErrorSummary, Notice, TextField, errorFor } from '../components/form.js';
import { PasswordPair } from '../components/password.js';
import { passwordReport } from '../../domain/password-policy.js';
import { ui } from '../../phrases/ui.js';
import type { FieldError } from '../../errors/catalogue.js';
import { formatJalali, formatJalaliDateTime } from '../../domain/jalali.js';
import { maskMobile } from '../../domain/mobile.js';
import { maskNationalCode } from '../../domain/national-code.js';
import { changeEmail, changePassword } from '../../flows/settings/settings.js';
import { keptInput, csrfValid, formBody, seeOther, sendHtml } from '../http.js';
import { requireAccount, type SignedIn } from '../session.js';
import type { Child } from '../jsx.js';

/** SAMT's word for a password, for the forced change (a page in SAMT's vocabulary throughout). */
const samtWords = (text: string) => text.replace(/گذرواژه/g, 'کلمه عبور');

const notices: Record<string, string> = {
  password: 'گذرواژه با موفقیت تغییر کرد. همه نشست‌های دیگر بسته شد.',
  email: 'ایمیل با موفقیت ثبت شد.',
  mobile: 'شماره همراه با موفقیت تغییر کرد.',
};

function AccountLayout(p: { s: Services; me: SignedIn; title: string; children?: Child }) {
  return (
    <Layout
      title={p.title}
      signedIn={{ name: p.me.account.first_name, csrf: p.me.csrf }}
      devTools={p.s.config.devTools}
    >
      {p.children}
    </Layout>
  );
}

export function registerAccountPages(app: FastifyInstance, s: Services) {
  app.get<{ Querystring: { done?: string } }>('/account', async (req, reply) => {
    const me = await requireAccount(s, req, reply);
    if (!me) return reply;
    const a = me.account;
    const signIns = await s.db
      .selectFrom('sign_ins')
      .select(['at', 'ip', 'user_agent', 'outcome'])
      .where('account_id', '=', a.id)
      .orderBy('at', 'desc')
      .limit(10)
      .execute();
    const notice = req.query.done ? notices[req.query.done] : undefined;
    return sendHtml(
      reply,
      <AccountLayout s={s} me={me} title={ui.myAccount}>
        <h1>{`${a.first_name} ${a.last_name}`}</h1>
        {notice ? (
          <Notice kind="success">
            <p>{notice}</p>
          </Notice>
        ) : null}
        <h2>مشخصات</h2>
        <dl class="summary-list">
          <div class="summary-list__row">
            <dt>{a.person_kind === 'foreign' ? ui.fidaCode : ui.nationalCode}</dt>
            <dd dir="ltr">{ui.digits(maskNationalCode(a.national_code))}</dd>
            <dd></dd>
          </div>
          <div class="summary-list__row">
            <dt>{ui.fatherName}</dt>
            <dd>{a.father_name}</dd>
            <dd></dd>
          </div>
          <div class="summary-list__row">
            <dt>{ui.birthDate}</dt>
            <dd>{formatJalali(a.birth_date)}</dd>
            <dd></dd>
          </div>
          <div class="summary-list__row">
            <dt>{ui.gender}</dt>
            <dd>{a.gender === 'female' ? ui.female : ui.male}</dd>
            <dd></dd>
          </div>
          <div class="summary-list__row">
            <dt>{ui.mobile}</dt>
            <dd dir="ltr">{a.mobile ? ui.digits(maskMobile(a.mobile)) : '—'}</dd>
            <dd>
              <a class="summary-list__action" href="/account/mobile">
                تغییر شماره همراه
              </a>
            </dd>
          </div>
          <div class="summary-list__row">
            <dt>{ui.email}</dt>
            <dd dir="ltr">{a.email ?? '—'}</dd>
            <dd>
              <a class="summary-list__action" href="/account/email">
                تغییر ایمیل
              </a>
            </dd>
          </div>
          <div class="summary-list__row">
            <dt>{ui.password}</dt>
            <dd>{`آخرین تغییر: ${formatJalaliDateTime(a.password_changed_at)}`}</dd>
            <dd>
              <a class="summary-list__action" href="/account/password">
                تغییر گذرواژه
              </a>
            </dd>
          </div>
        </dl>
        <h2>ورودهای اخیر</h2>
        <div class="table-wrap">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">زمان</th>
                <th scope="col">نشانی IP</th>
                <th scope="col">نتیجه</th>
              </tr>
            </thead>
            <tbody>
              {signIns.map((r) => (
                <tr>
                  <td>{formatJalaliDateTime(r.at)}</td>
                  <td dir="ltr">{r.ip ?? ''}</td>
                  <td>{r.outcome === 'success' ? 'موفق' : 'گذرواژه نادرست'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </AccountLayout>,
    );
  });

  const passwordPage = (me: SignedIn, p: { expired: boolean; errors: FieldError[]; refused?: string }) => {
    // the forced change speaks SAMT's words throughout («کلمه عبور»), its messages included
    const words = p.expired ? samtWords : (t: string) => t;
    const err = (name: string) => {
      const m = errorFor(p.errors, name);
      return m === undefined ? undefined : words(m);
    };
    const title = p.expired ? 'تغییر کلمه عبور' : ui.changePassword;
    const a = me.account;
    return (
      <AccountLayout s={s} me={me} title={title}>
        <h1>{title}</h1>
        {p.expired ? (
          <Notice kind="warning" title="کلمه عبور شما منقضی شده است">
            <p>
              کلمه عبور شما منقضی شده است. لطفا پیش از ادامه آن را تغییر دهید؛ تا این کار انجام نشود دیگر بخش‌های حساب
              در دسترس نیست.
            </p>
            <ul>
              <li>
                هنگام وارد کردن کلمه عبور، صفحه‌کلید را روی حالت انگلیسی بگذارید و دکمه Caps Lock را خاموش کنید؛ کلمه
                عبور به کوچکی و بزرگی حروف حساس است.
              </li>
              <li>کلمه عبور جدید را نزد خود محفوظ نگه دارید و به کسی نگویید.</li>
              <li>
                اگر کلمه عبور فعلی را به خاطر نمی‌آورید، از <a href="/recovery">بازیابی کلمه عبور</a> کلمه عبور جدیدی
                تعیین کنید.
              </li>
            </ul>
          </Notice>
        ) : null}
        <ErrorSummary errors={p.errors} reword={words} />
        <form method="post" action={p.expired ? '/account/password-expired' : '/account/password'} novalidate>
          <CsrfField token={me.csrf} />
          <TextField
            name="currentPassword"
            label={p.expired ? 'کلمه عبور قدیم' : 'گذرواژه فعلی'}
            type="password"
            ltr
            required
            autocomplete="current-password"
            error={err('currentPassword')}
          />
          <PasswordPair
            label={p.expired ? 'کلمه عبور جدید' : ui.newPassword}
            repeatLabel={p.expired ? 'تکرار کلمه عبور جدید' : ui.repeatNewPassword}
            error={err('password')}
            repeatError={err('passwordRepeat')}
            report={
              p.refused
                ? passwordReport(p.refused, {
                    firstName: a.first_name,
                    lastName: a.last_name,
                    nationalCode: a.national_code,
                  })
                : undefined
            }
            words={p.expired ? samtWords : undefined}
          />
          <Actions
            primary={p.expired ? 'تغییر کلمه عبور' : ui.saveNewPassword}
            back={p.expired ? undefined : { href: '/account', label: 'انصراف' }}
          />
        </form>
      </AccountLayout>
    );
  };

  for (const expired of [false, true]) {
    const path = expired ? '/account/password-expired' : '/account/password';
    app.get(path, async (req, reply) => {
      const me = await requireAccount(s, req, reply, { allowExpiredPassword: true });
      if (!me) return reply;
      if (expired && !me.account.password_expired) return seeOther(reply, '/account/password');
      // an expired password is changed on its own page, where leaving is not offered
      if (!expired && me.account.password_expired) return seeOther(reply, '/account/password-expired');
      return sendHtml(reply, passwordPage(me, { expired, errors: [] }));
    });
    app.post(path, async (req, reply) => {
      const me = await requireAccount(s, req, reply, { allowExpiredPassword: true });
      if (!me) return reply;
      const body = formBody(req);
      if (!csrfValid(s, req, body))
        return sendHtml(reply, passwordPage(me, { expired, errors: [{ field: null, code: 'csrf.invalid' }] }), 403);
      const r = await changePassword(
        s,
        me.account.id,
        me.sessionId,
        body,
        me.account.password_expired ? 'expired_change' : 'change',
      );
      if (!r.ok) {
        const refused = r.errors.some((x) => x.field === 'password') ? (body.password ?? '') : '';
        return sendHtml(reply, passwordPage(me, { expired, errors: r.errors, refused }), 400);
      }
      return seeOther(reply, '/account?done=password');
    });
  }

  const emailPage = (me: SignedIn, values: Record<string, string>, errors: FieldError[]) => (
    <AccountLayout s={s} me={me} title="تغییر ایمیل">
      <h1>تغییر ایمیل</h1>
      <ErrorSummary errors={errors} />
      <form method="post" action="/account/email" novalidate>
        <CsrfField token={me.csrf} />
        <TextField
          name="email"
          label={ui.email}
          hint="برای حذف ایمیل، این خانه را خالی بگذارید."
          type="email"
          ltr
          inputmode="email"
          maxlength={254}
          value={values.email ?? me.account.email ?? ''}
          error={errorFor(errors, 'email')}
        />
        <Actions primary="ثبت" back={{ href: '/account', label: 'انصراف' }} />
      </form>
    </AccountLayout>
  );
  app.get('/account/email', async (req, reply) => {
    const me = await requireAccount(s, req, reply);
    if (!me) return reply;
    return sendHtml(reply, emailPage(me, {}, []));
  });
  app.post('/account/email', async (req, reply) => {
    const me = await requireAccount(s, req, reply);
    if (!me) return reply;
    const body = formBody(req);
    if (!csrfValid(s, req, body))
      return sendHtml(reply, emailPage(me, keptInput(body), [{ field: null, code: 'csrf.invalid' }]), 403);
    const r = await changeEmail(s, me.account.id, body);
    if (!r.ok) return sendHtml(reply, emailPage(me, keptInput(body), r.errors), 400);
    return seeOther(reply, '/account?done=email');
  });
}
