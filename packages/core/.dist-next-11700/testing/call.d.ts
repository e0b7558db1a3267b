import type { Client } from '@modelcontextprotocol/client';
export interface ToolCallOutcome<S = Record<string, unknown>> {
    isError: boolean;
    /** The text blocks joined: what the model reads. */
    text: string;
    structured: S | undefined;
    raw: Awaited<ReturnType<Client['callTool']>>;
}
/** Calls a tool and returns the parts tests assert on. Protocol errors still throw. */
export declare function callTool<S = Record<string, unknown>>(client: Client, name: string, args?: Record<string, unknown>, options?: Parameters<Client['callTool']>[1]): Promise<ToolCallOutcome<S>>;
