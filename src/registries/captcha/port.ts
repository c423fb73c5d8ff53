/**
 * Port: captcha image generation. Storing and verifying answers is not part of this port.
 */

export interface CaptchaChallenge {
  /** The expected answer, ASCII digits. */
  answer: string;
  /** A self-contained SVG document (with an accessible `<title>`). */
  svg: string;
}

export interface CaptchaGenerator {
  generate(): CaptchaChallenge;
}
