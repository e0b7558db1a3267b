import { type CallToolResult, inputRequired, type ServerContext } from '@modelcontextprotocol/server';
import { PermissionDeniedError } from './errors.js';
import type { AnyTool, ToolContext } from './tool.js';

/**
 * Which calls a person must approve: `destructive` (the default of every server binary) asks
 * before tools that can delete or overwrite, `writes` before anything that changes something,
 * `off` never (for hosts that already ask before every tool call).
 */
export type ConfirmMode = 'destructive' | 'writes' | 'off';
export const CONFIRM_MODES: readonly ConfirmMode[] = ['destructive', 'writes', 'off'];

/** The key of our question among a call's input requests and its client's answers. */
const KEY = 'confirm';
const QUESTION = {
  type: 'object' as const,
  properties: { confirm: { type: 'boolean' as const, title: 'Go ahead' } },
  required: ['confirm'],
};

export type Confirmation =
  | { kind: 'proceed'; confirmed: boolean }
  | { kind: 'ask'; result: CallToolResult }
  | { kind: 'declined'; action: string };

/**
 * Decides whether this call may run now. The question goes to the person through the client
 * (form elicitation): in the 2026-07-28 era as an `input_required` result the client answers
 * and retries with, in the 2025-11-25 era through the SDK's shim, which asks over the
 * connection. Security: nothing the model writes into the arguments can answer it; only the
 * client's `inputResponses` can, and a client that cannot ask gets an error, not a pass.
 */
export async function confirmCall<Deps>(
  tool: AnyTool<Deps>,
  input: unknown,
  ctx: ToolContext<Deps>,
  mode: ConfirmMode,
  clientCanAsk: boolean,
): Promise<Confirmation> {
  if (!covered(tool, mode)) return { kind: 'proceed', confirmed: false };
  // A tool's own sentence says which calls lose something; under `writes` every change is asked.
  let action = tool.confirm ? await tool.confirm(input, ctx) : undefined;
  if (action === undefined && (mode === 'writes' || !tool.confirm)) action = defaultAction(tool, input);
  if (action === undefined) return { kind: 'proceed', confirmed: false };
  const answer = answerIn(ctx.sdk);
  if (answer === undefined) {
    if (!clientCanAsk) {
      throw new PermissionDeniedError(
        `${action}: this needs the user's approval, and this client cannot ask for it.`,
        {
          hint: 'Tell the user what you were about to do and let them do it themselves. (The server operator can turn approvals off with --confirm off for hosts that ask before every tool call.)',
        },
      );
    }
    const result = inputRequired({
      inputRequests: {
        [KEY]: inputRequired.elicit({
          message: `${action}.${tool.annotations.destructiveHint ? ' This cannot be undone.' : ''} Go ahead?`,
          requestedSchema: QUESTION,
        }),
      },
    });
    return { kind: 'ask', result: result as unknown as CallToolResult };
  }
  return answer ? { kind: 'proceed', confirmed: true } : { kind: 'declined', action };
}

function covered<Deps>(tool: AnyTool<Deps>, mode: ConfirmMode): boolean {
  if (mode === 'off' || tool.annotations.readOnlyHint) return false;
  // A tool with its own sentence knows which of its calls cannot be taken back, even an additive
  // one (a message people have already read).
  return mode === 'writes' || tool.annotations.destructiveHint === true || tool.confirm !== undefined;
}

/** true: approved; false: declined or cancelled; undefined: not asked yet. */
function answerIn(sdk: ServerContext): boolean | undefined {
  const response = sdk.mcpReq.inputResponses?.[KEY] as
    | { action?: string; content?: Record<string, unknown> }
    | undefined;
  if (!response) return undefined;
  return response.action === 'accept' && response.content?.confirm === true;
}

function defaultAction(tool: Pick<AnyTool<unknown>, 'title' | 'name'>, input: unknown): string {
  const args = JSON.stringify(input ?? {});
  return `${tool.title} (${tool.name}) with ${args.length > 300 ? `${args.slice(0, 300)}…` : args}`;
}

/** Whether the client said it can put a form question to its user. */
export function clientCanAsk(sdk: ServerContext, legacyCapabilities: () => unknown): boolean {
  const envelope = sdk.mcpReq.envelope as Record<string, { elicitation?: unknown } | undefined> | undefined;
  const modern = envelope?.['io.modelcontextprotocol/clientCapabilities'];
  const capabilities = (modern ?? legacyCapabilities()) as { elicitation?: { form?: unknown } } | undefined;
  // A bare `elicitation: {}` is the 2025 way of saying form mode.
  return Boolean(capabilities?.elicitation);
}
