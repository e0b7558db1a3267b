import { inputRequired } from '@modelcontextprotocol/server';
import { PermissionDeniedError } from './errors.js';
export const CONFIRM_MODES = ['destructive', 'writes', 'off'];
/** The key of our question among a call's input requests and its client's answers. */
const KEY = 'confirm';
const QUESTION = {
    type: 'object',
    properties: { confirm: { type: 'boolean', title: 'Go ahead' } },
    required: ['confirm'],
};
/**
 * Decides whether this call may run now. The question goes to the person through the client
 * (form elicitation): in the 2026-07-28 era as an `input_required` result the client answers
 * and retries with, in the 2025-11-25 era through the SDK's shim, which asks over the
 * connection. Security: nothing the model writes into the arguments can answer it; only the
 * client's `inputResponses` can, and a client that cannot ask gets an error, not a pass.
 */
export async function confirmCall(tool, input, ctx, mode, clientCanAsk) {
    if (!covered(tool, mode))
        return { kind: 'proceed', confirmed: false };
    // A tool's own sentence says which calls lose something; under `writes` every change is asked.
    let action = tool.confirm ? await tool.confirm(input, ctx) : undefined;
    if (action === undefined && (mode === 'writes' || !tool.confirm))
        action = defaultAction(tool, input);
    if (action === undefined)
        return { kind: 'proceed', confirmed: false };
    const answer = answerIn(ctx.sdk);
    if (answer === undefined) {
        if (!clientCanAsk) {
            throw new PermissionDeniedError(`${action}: this needs the user's approval, and this client cannot ask for it.`, {
                hint: 'Tell the user what you were about to do and let them do it themselves. (The server operator can turn approvals off with --confirm off for hosts that ask before every tool call.)',
            });
        }
        const result = inputRequired({
            inputRequests: {
                [KEY]: inputRequired.elicit({
                    message: `${action}.${tool.annotations.destructiveHint ? ' This cannot be undone.' : ''} Go ahead?`,
                    requestedSchema: QUESTION,
                }),
            },
        });
        return { kind: 'ask', result: result };
    }
    return answer ? { kind: 'proceed', confirmed: true } : { kind: 'declined', action };
}
function covered(tool, mode) {
    if (mode === 'off' || tool.annotations.readOnlyHint)
        return false;
    // A tool with its own sentence knows which of its calls cannot be taken back, even an additive
    // one (a message people have already read).
    return mode === 'writes' || tool.annotations.destructiveHint === true || tool.confirm !== undefined;
}
/** true: approved; false: declined or cancelled; undefined: not asked yet. */
function answerIn(sdk) {
    const response = sdk.mcpReq.inputResponses?.[KEY];
    if (!response)
        return undefined;
    return response.action === 'accept' && response.content?.confirm === true;
}
function defaultAction(tool, input) {
    const args = JSON.stringify(input ?? {});
    return `${tool.title} (${tool.name}) with ${args.length > 300 ? `${args.slice(0, 300)}…` : args}`;
}
/** Whether the client said it can put a form question to its user. */
export function clientCanAsk(sdk, legacyCapabilities) {
    const envelope = sdk.mcpReq.envelope;
    const modern = envelope?.['io.modelcontextprotocol/clientCapabilities'];
    const capabilities = (modern ?? legacyCapabilities());
    // A bare `elicitation: {}` is the 2025 way of saying form mode.
    return Boolean(capabilities?.elicitation);
}
