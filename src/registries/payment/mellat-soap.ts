/**
 * SOAP 1.1 envelopes for Behpardakht Mellat's `pgw` service, built and read by hand (no SOAP
 * library): the operations take flat string/number parameters and answer one `<return>` string.
 *
 *   <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"
 *                     xmlns:ns1="http://interfaces.core.sw.bps.com/">
 *     <soapenv:Body><ns1:bpPayRequest><terminalId>…</terminalId>…</ns1:bpPayRequest></soapenv:Body>
 *   </soapenv:Envelope>
 *   → <soap:Envelope …><soap:Body><ns2:bpPayRequestResponse xmlns:ns2="…">
 *        <return>0,AF82041a2Bf6989c7fF9</return></ns2:bpPayRequestResponse></soap:Body></soap:Envelope>
 *
 * Reading is tolerant of any namespace prefixes, attributes, whitespace, CDATA and entities; the
 * server side of the simulation gateway reads requests with the same functions.
 */
import { TEHRAN_OFFSET_MINUTES } from '../../domain/jalali.js';

export const SOAP_ENV = 'http://schemas.xmlsoap.org/soap/envelope/';
export const MELLAT_NS = 'http://interfaces.core.sw.bps.com/';

export type MellatOperation =
  'bpPayRequest' | 'bpVerifyRequest' | 'bpSettleRequest' | 'bpReversalRequest' | 'bpInquiryRequest';

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

export function unescapeXml(s: string): string {
  return s
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_, text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;'))
    .replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) => {
      const k = e.toLowerCase();
      if (k.startsWith('#x')) return String.fromCodePoint(parseInt(k.slice(2), 16));
      if (k.startsWith('#')) return String.fromCodePoint(parseInt(k.slice(1), 10));
      return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[k]!;
    });
}

const wrap = (body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="${SOAP_ENV}" xmlns:ns1="${MELLAT_NS}">` +
  `<soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;

/** A request envelope: the parameters in the order given (Mellat's WSDL order). */
export function soapRequest(op: MellatOperation, params: readonly (readonly [string, string | number])[]): string {
  const inner = params.map(([k, v]) => `<${k}>${escapeXml(String(v))}</${k}>`).join('');
  return wrap(`<ns1:${op}>${inner}</ns1:${op}>`);
}

/** A response envelope with one `<return>` (the simulation gateway's answer). */
export function soapResponse(op: MellatOperation, value: string): string {
  return wrap(`<ns1:${op}Response><return>${escapeXml(value)}</return></ns1:${op}Response>`);
}

export function soapFault(message: string): string {
  return wrap(
    `<soapenv:Fault><faultcode>soapenv:Server</faultcode><faultstring>${escapeXml(message)}</faultstring></soapenv:Fault>`,
  );
}

/** Elements with this local name, whatever their prefix: [attributes, inner XML] of each. */
function elements(xml: string, local: string): string[] {
  const re = new RegExp(`<(?:[\\w.-]+:)?${local}(?:\\s[^>]*)?(?:/>|>([\\s\\S]*?)</(?:[\\w.-]+:)?${local}\\s*>)`, 'g');
  return [...xml.matchAll(re)].map((m) => m[1] ?? '');
}

/** The text of `<return>` in `<…:{op}Response>`, or null (a fault, another operation, not SOAP). */
export function readSoapReturn(xml: string, op: MellatOperation): string | null {
  const response = elements(xml, `${op}Response`)[0];
  if (response === undefined) return null;
  const ret = elements(response, 'return')[0];
  return ret === undefined ? null : unescapeXml(ret).trim();
}

export function isSoapFault(xml: string): boolean {
  return elements(xml, 'Fault').length > 0;
}

/** The operation and flat parameters of a request envelope (the simulation gateway reads them). */
export function readSoapRequest(xml: string): { op: string; params: Record<string, string> } | null {
  const body = elements(xml, 'Body')[0];
  if (body === undefined) return null;
  const first = /<(?:([\w.-]+):)?(\w+)(?:\s[^>]*)?>([\s\S]*?)<\/(?:[\w.-]+:)?\2\s*>/.exec(body);
  if (!first) return null;
  const params: Record<string, string> = {};
  for (const m of (first[3] ?? '').matchAll(/<(?:[\w.-]+:)?(\w+)(?:\s[^>]*)?>([\s\S]*?)<\/(?:[\w.-]+:)?\1\s*>/g)) {
    params[m[1]!] = unescapeXml(m[2] ?? '').trim();
  }
  return { op: first[2]!, params };
}

/** Mellat's `localDate` (yyyyMMdd) and `localTime` (HHmmss), Tehran time. */
export function tehranLocal(now: Date): { localDate: string; localTime: string } {
  const t = new Date(now.getTime() + TEHRAN_OFFSET_MINUTES * 60_000).toISOString();
  return { localDate: t.slice(0, 10).replace(/-/g, ''), localTime: t.slice(11, 19).replace(/:/g, '') };
}
