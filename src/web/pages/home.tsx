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
      </Layout>,
    ),
  );
}
