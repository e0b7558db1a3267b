/**
 * POSTs one raw JSON-RPC message to an MCP endpoint with the headers Streamable HTTP requires,
 * for tests that check status codes and headers a client library would hide.
 */
export declare function postJsonRpc(url: URL | string, body: unknown, headers?: Record<string, string>): Promise<Response>;
