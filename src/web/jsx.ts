/**
 * A tiny server-side JSX runtime: elements become escaped HTML strings.
 * Text and attribute values are always escaped; only raw() output is trusted.
 */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Child = Html | string | number | boolean | null | undefined | Child[];
type Props = Record<string, unknown> & { children?: Child };
type Component = (props: Props) => Html;

const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
]);

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function raw(html: string): Html {
  return new Html(html);
}

function renderChildren(children: Child[]): string {
  let out = '';
  for (const c of children) {
    if (c === null || c === undefined || c === false || c === true) continue;
    if (Array.isArray(c)) out += renderChildren(c);
    else if (c instanceof Html) out += c.value;
    else out += escapeHtml(String(c));
  }
  return out;
}

export function h(tag: string | Component, props: Props | null, ...children: Child[]): Html {
  if (typeof tag === 'function') {
    return tag({ ...(props ?? {}), children: children.length === 1 ? children[0] : children });
  }
  let attrs = '';
  for (const [k, v] of Object.entries(props ?? {})) {
    if (k === 'children' || v === false || v === null || v === undefined) continue;
    const name = k === 'className' ? 'class' : k === 'htmlFor' ? 'for' : k;
    attrs += v === true ? ` ${name}` : ` ${name}="${escapeHtml(String(v))}"`;
  }
  if (VOID.has(tag)) return new Html(`<${tag}${attrs}>`);
  return new Html(`<${tag}${attrs}>${renderChildren(children)}</${tag}>`);
}

export function Fragment(props: { children?: Child }): Html {
  const c = props.children;
  return new Html(renderChildren(Array.isArray(c) ? c : [c]));
}

export type { Child };

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    type Element = Html;
    interface IntrinsicElements {
      [name: string]: Record<string, unknown>;
    }
    interface ElementChildrenAttribute {
      children: unknown;
    }
  }
}
