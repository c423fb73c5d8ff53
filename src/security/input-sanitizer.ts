import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors/catalogue.js';

/**
 * Invisible junk a person never means to type: C0 controls except tab, newline and carriage
 * return; DEL; C1 controls; and UTF-16 surrogates without their partner. PostgreSQL refuses NUL
 * in text and lone surrogates in jsonb, so letting them through turns a typo into a 500.
 * Format characters (ZWNJ above all, which Persian needs) are not touched.
 */
const JUNK =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Deeper bodies than this are refused: no form or API body nests anywhere near it. */
export const MAX_INPUT_DEPTH = 32;

export function stripControlChars(s: string): string {
  return s.replace(JUNK, '');
}

/** The value with every string (keys too) stripped; arrays and plain objects are copied. */
export function sanitizeInput(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return stripControlChars(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_INPUT_DEPTH) throw new AppError('request.invalid');
  if (Array.isArray(value)) return value.map((v) => sanitizeInput(v, depth + 1));
  const proto = Object.getPrototypeOf(value) as object | null;
  // plain objects only (the form parser's have a prototype without one of its own); a Buffer is not text
  if (proto !== null && proto !== Object.prototype && Object.getPrototypeOf(proto) !== null) return value;
  const out: Record<string, unknown> = Object.create(proto) as Record<string, unknown>;
  for (const [k, v] of Object.entries(value)) {
    // defineProperty, not assignment: a key named __proto__ stays a plain key
    Object.defineProperty(out, stripControlChars(k), {
      value: sanitizeInput(v, depth + 1),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

/**
 * Cleans every parsed body, query string and path parameter once, before any route sees it,
 * so no handler has to remember to. Quietly: what is lost was invisible anyway.
 */
export function registerInputSanitizer(app: FastifyInstance) {
  app.addHook('preValidation', async (req: FastifyRequest) => {
    if (req.body !== undefined) req.body = sanitizeInput(req.body);
    req.query = sanitizeInput(req.query);
    req.params = sanitizeInput(req.params);
  });
}
