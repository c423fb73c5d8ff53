/**
 * Captcha images drawn by svg-captcha: digits only, without the easily confused 0/1
 * (`23456789`), 5 characters, noise lines, sized for a phone (150×50), with an accessible title.
 */
import svgCaptcha from 'svg-captcha';
import type { CaptchaChallenge, CaptchaGenerator } from './port.js';

export interface SvgCaptchaOptions {
  /** Number of digits. Default 5. */
  size?: number;
  /** Default 150. */
  width?: number;
  /** Default 50. */
  height?: number;
  /** Noise lines. Default 2. */
  noise?: number;
  /** Coloured glyphs. Default true. */
  color?: boolean;
  /** Accessible name of the image (must not reveal the answer). Default Persian instruction. */
  title?: string;
}

export const CAPTCHA_CHARS = '23456789';
export const DEFAULT_CAPTCHA_TITLE = 'تصویر امنیتی: عددهای داخل تصویر را وارد کنید';

export function escapeXml(s: string): string {
  return s.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c,
  );
}

/** Adds `role="img"` and a `<title>` as the first child of the root `<svg>` element. */
export function withAccessibleTitle(svg: string, title: string): string {
  return svg.replace(/<svg\b([^>]*)>/, (_m, attrs: string) => {
    const role = /\srole=/.test(attrs) ? '' : ' role="img"';
    return `<svg${attrs}${role}><title>${escapeXml(title)}</title>`;
  });
}

/**
 * Rounds path coordinates to a tenth of a pixel: the image looks the same at any zoom, and each
 * stored captcha is about a fifth smaller. (Whole pixels would halve it but break the glyphs.)
 */
export function compactSvg(svg: string): string {
  return svg.replace(/\d+\.\d{2,}/g, (n) => String(Math.round(Number(n) * 10) / 10));
}

export function createSvgCaptcha(opts: SvgCaptchaOptions = {}): CaptchaGenerator {
  const size = opts.size ?? 5;
  const width = opts.width ?? 150;
  const height = opts.height ?? 50;
  const title = opts.title ?? DEFAULT_CAPTCHA_TITLE;
  return {
    generate(): CaptchaChallenge {
      const c = svgCaptcha.create({
        size,
        width,
        height,
        fontSize: Math.round(height * 0.9),
        charPreset: CAPTCHA_CHARS,
        noise: opts.noise ?? 2,
        color: opts.color ?? true,
        background: '#ffffff',
      });
      return { answer: c.text, svg: withAccessibleTitle(compactSvg(c.data), title) };
    },
  };
}
