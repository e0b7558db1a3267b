import { PermissionDeniedError } from '../errors.js';

/**
 * The caller has no usable upstream account yet (never linked, revoked, expired, or a scope is
 * missing). The tool boundary (app.ts) turns it into a URL-mode elicitation that sends the user
 * to `url`; a client that cannot open one gets this error, with the link in its hint.
 */
export class LinkRequiredError extends PermissionDeniedError {
  constructor(
    message: string,
    /** The single-use, short-lived page that links this caller's account. */
    readonly url: string,
    /** What the user reads next to the link. */
    readonly prompt: string,
  ) {
    super(message, {
      hint: `Ask the user to open ${url} in their browser (it works once, for 10 minutes), then call the tool again.`,
    });
  }
}
