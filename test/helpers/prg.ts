import assert from 'node:assert/strict';
import { formAction, type FormClient, type Page } from './browser.js';

/**
 * A refused submit under post/redirect/get: the POST answers 303 back to the same page, whose
 * GET shows the error summary. `url` defaults to the last page's form.
 */
export async function refused(
  c: FormClient,
  fields: Record<string, string>,
  url?: string,
  /** The GET showing the error answers 400 (something to put right), or the API's 5xx for our faults. */
  status = 400,
): Promise<Page> {
  const action = url ?? formAction(c.last!.html) ?? c.last!.url;
  const posted = await c.post(action, fields, false);
  assert.equal(posted.status, 303, 'a refusal answers with a redirect');
  assert.equal(posted.location, action, 'back to the same page');
  const page = await c.get(posted.location!);
  assert.equal(page.status, status);
  assert.match(page.html, /class="error-summary"/);
  return page;
}

/** An accepted page: no error summary on it. */
export function accepted(page: Page): Page {
  assert.equal(page.status, 200);
  assert.doesNotMatch(page.html, /class="error-summary"/);
  return page;
}
