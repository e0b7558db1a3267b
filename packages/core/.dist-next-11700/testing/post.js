/**
 * POSTs one raw JSON-RPC message to an MCP endpoint with the headers Streamable HTTP requires,
 * for tests that check status codes and headers a client library would hide.
 */
export function postJsonRpc(url, body, headers = {}) {
    return fetch(url, {
        method: 'POST',
        headers: {
            'content-type': 'application/json',
            accept: 'application/json, text/event-stream',
            ...headers,
        },
        body: JSON.stringify(body),
    });
}
