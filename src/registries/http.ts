/**
 * Small fetch wrapper for the registry adapters: never throws, always bounded by a timeout.
 */
import { isAbortOrTimeout } from './timeout.js';

export type HttpOutcome =
  | {
      kind: 'response';
      status: number;
      body: unknown /* parsed JSON, or undefined when not JSON */;
      /** The body as text (SOAP answers are XML). */
      text: string;
    }
  | { kind: 'timeout' }
  | { kind: 'network'; message: string }
  /** The request could not even be made (e.g. a malformed URL): a configuration problem. */
  | { kind: 'invalid'; message: string };

/** A body sent as it is, with its own content type (e.g. a SOAP envelope). */
export class TextBody {
  constructor(
    readonly text: string,
    readonly contentType: string,
  ) {}
}

export interface HttpRequest {
  url: string;
  headers?: Record<string, string>;
  /** A JSON value (sent as application/json), URLSearchParams (sent form-encoded) or a TextBody. */
  body: unknown;
  timeoutMs: number;
}

/** POSTs and reads the whole response under one deadline (`AbortSignal.timeout`). */
export async function post(req: HttpRequest): Promise<HttpOutcome> {
  const { contentType, text: sent } = encodeBody(req.body);
  if (!URL.canParse(req.url)) return { kind: 'invalid', message: 'malformed URL' };
  try {
    const res = await fetch(req.url, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': contentType, ...req.headers },
      body: sent,
      signal: AbortSignal.timeout(req.timeoutMs),
      redirect: 'error',
    });
    const text = await res.text();
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      body = undefined;
    }
    return { kind: 'response', status: res.status, body, text };
  } catch (err) {
    if (isAbortOrTimeout(err)) return { kind: 'timeout' };
    const cause = (err as { cause?: { code?: unknown; message?: unknown } }).cause;
    const detail =
      typeof cause?.code === 'string' ? cause.code : typeof cause?.message === 'string' ? cause.message : '';
    return { kind: 'network', message: detail || (err instanceof Error ? err.message : String(err)) };
  }
}

function encodeBody(body: unknown): { contentType: string; text: string } {
  if (body instanceof TextBody) return { contentType: body.contentType, text: body.text };
  if (body instanceof URLSearchParams)
    return { contentType: 'application/x-www-form-urlencoded; charset=utf-8', text: body.toString() };
  return { contentType: 'application/json; charset=utf-8', text: JSON.stringify(body) };
}

/** `https://x/y/` + `/a/b` → `https://x/y/a/b`. */
export function joinUrl(base: string, path: string): string {
  return base.replace(/\/+$/, '') + '/' + path.replace(/^\/+/, '');
}
