import { type CallToolResult, type ServerContext } from '@modelcontextprotocol/server';
import type { AnyTool, ToolContext } from './tool.js';
/**
 * Which calls a person must approve: `destructive` (the default of every server binary) asks
 * before tools that can delete or overwrite, `writes` before anything that changes something,
 * `off` never (for hosts that already ask before every tool call).
 */
export type ConfirmMode = 'destructive' | 'writes' | 'off';
export declare const CONFIRM_MODES: readonly ConfirmMode[];
export type Confirmation = {
    kind: 'proceed';
    confirmed: boolean;
} | {
    kind: 'ask';
    result: CallToolResult;
} | {
    kind: 'declined';
    action: string;
};
/**
 * Decides whether this call may run now. The question goes to the person through the client
 * (form elicitation): in the 2026-07-28 era as an `input_required` result the client answers
 * and retries with, in the 2025-11-25 era through the SDK's shim, which asks over the
 * connection. Security: nothing the model writes into the arguments can answer it; only the
 * client's `inputResponses` can, and a client that cannot ask gets an error, not a pass.
 */
export declare function confirmCall<Deps>(tool: AnyTool<Deps>, input: unknown, ctx: ToolContext<Deps>, mode: ConfirmMode, clientCanAsk: boolean): Promise<Confirmation>;
/** Whether the client said it can put a form question to its user. */
export declare function clientCanAsk(sdk: ServerContext, legacyCapabilities: () => unknown): boolean;
