import { h } from '../jsx.js';
import { Layout } from '../components/layout.js';
import { Notice } from '../components/form.js';
import { ui } from '../../phrases/ui.js';
import { formatMessage } from '../../phrases/fa.js';
import type { ErrorCode } from '../../errors/catalogue.js';

/** A page for a dead end that isn't one: says what happened and offers the way on. */
export function MessagePage(p: {
  title: string;
  code?: ErrorCode;
  text?: string;
  kind?: 'info' | 'error' | 'warning' | 'success';
  action?: { href: string; label: string };
  devTools?: boolean;
}) {
  return (
    <Layout title={p.title} devTools={p.devTools}>
      <h1>{p.title}</h1>
      <Notice kind={p.kind ?? 'error'}>
        <p>{p.code ? formatMessage(p.code) : p.text}</p>
      </Notice>
      <p>
        <a class="button" href={p.action?.href ?? '/'}>
          {p.action?.label ?? ui.backHome}
        </a>
      </p>
    </Layout>
  );
}
