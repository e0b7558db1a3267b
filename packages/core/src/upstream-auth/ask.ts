import { type CallToolResult, inputRequired, type ServerContext } from '@modelcontextprotocol/server';
import { describeError } from '../errors.js';
import type { Redactor } from '../redact.js';
import type { LinkRequiredError } from './link-required.js';

/** The key of the link step among a call's input requests and its client's answers. */
const KEY = 'link_account';

/**
 * The link step as the client can take it: a URL-mode elicitation (an `input_required` result in
 * the 2026-07-28 era; the SDK's shim asks over the connection in the 2025-11-25 era), after which
 * the client retries the call. A client that cannot open URLs gets an error with the link in it.
 * A retry that answers our question but still finds no link is not asked again in a loop.
 */
export function askToLink(
  error: LinkRequiredError,
  sdk: ServerContext,
  legacyCapabilities: () => unknown,
  redact: Redactor,
): CallToolResult {
  const fail = (text: string): CallToolResult => ({
    content: [{ type: 'text', text: redact(text) }],
    isError: true,
  });
  const answer = sdk.mcpReq.inputResponses?.[KEY] as { action?: string } | undefined;
  if (answer) {
    return answer.action === 'accept'
      ? fail(
          `${error.message}\nThe link page was not completed. Ask the user to finish it in the browser, then call the tool again.`,
        )
      : fail(`The user declined to link their account. ${error.message} Do not retry unless the user asks.`);
  }
  if (!canOpenUrl(sdk, legacyCapabilities)) return fail(describeError(error));
  const result = inputRequired({
    inputRequests: { [KEY]: inputRequired.elicitUrl({ message: error.prompt, url: error.url }) },
  });
  return result as unknown as CallToolResult;
}

function canOpenUrl(sdk: ServerContext, legacyCapabilities: () => unknown): boolean {
  const envelope = sdk.mcpReq.envelope as Record<string, { elicitation?: unknown } | undefined> | undefined;
  const capabilities = (envelope?.['io.modelcontextprotocol/clientCapabilities'] ?? legacyCapabilities()) as
    | { elicitation?: { url?: unknown } }
    | undefined;
  return Boolean(capabilities?.elicitation?.url);
}
