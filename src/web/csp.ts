/**
 * The Content-Security-Policy of every page. A page that sends the browser to a payment gateway
 * (a form posted to it, or a submit answered by a redirect to it) names the gateway's origins in
 * `form-action`: browsers hold a form's target and the redirects after a submit to it.
 */
export function contentSecurityPolicy(formActionOrigins: readonly string[] = []): string {
  const formAction = ["'self'", ...formActionOrigins].join(' ');
  return `default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action ${formAction}; base-uri 'none'`;
}
