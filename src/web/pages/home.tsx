import type { FastifyInstance } from 'fastify';
import { h } from '../jsx.js';
import type { Services } from '../../services.js';
import { Layout } from '../components/layout.js';
import { ui } from '../../phrases/ui.js';
import { sendHtml } from '../http.js';

export function registerHome(app: FastifyInstance, s: Services) {
  app.get('/', async (_req, reply) =>
    sendHtml(
      reply,
      <Layout title={ui.tagline} devTools={s.config.devTools}>
        <h1>{ui.tagline}</h1>
        <p class="lead">با یک حساب کاربری به همه خدمات غیرحضوری دسترسی داشته باشید.</p>
        <div class="choice-cards">
          <a class="choice-card" href="/login">
            <span class="choice-card__title">{ui.login}</span>
            <span class="choice-card__text">با کد ملی و گذرواژه</span>
          </a>
          <a class="choice-card" href="/registration">
            <span class="choice-card__title">{ui.register}</span>
            <span class="choice-card__text">اشخاص حقیقی و اتباع خارجی</span>
          </a>
        </div>
        <p>
          <a href="/recovery">{ui.recovery}</a>
        </p>
        <section aria-labelledby="sejam-title">
          <h2 id="sejam-title">سجام</h2>
          <p>سامانه جامع اطلاعات مشتریان بازار سرمایه: برای معامله در بورس باید در سجام پرونده داشته باشید.</p>
          <div class="choice-cards">
            <a class="choice-card" href="/sejam">
              <span class="choice-card__title">ثبت نام سجام</span>
              <span class="choice-card__text">اشخاص حقیقی و حقوقی ایرانی</span>
            </a>
            <a class="choice-card" href="/sejam/tracking-code">
              <span class="choice-card__title">بازیابی کد پیگیری</span>
              <span class="choice-card__text">ارسال دوباره کد پیگیری ده رقمی با پیامک</span>
            </a>
            <a class="choice-card" href="/sejam/profile">
              <span class="choice-card__title">مشاهده پرونده سجام</span>
              <span class="choice-card__text">کد پیگیری و اطلاعات پرونده با شماره همراه ثبت‌شده</span>
            </a>
            <a class="choice-card" href="/sejam/edit">
              <span class="choice-card__title">ویرایش اطلاعات سجام</span>
              <span class="choice-card__text">نشانی و تلفن، حساب‌های بانکی یا اطلاعات شغلی، با تایید پیامکی</span>
            </a>
          </div>
        </section>
      </Layout>,
    ),
  );
}
