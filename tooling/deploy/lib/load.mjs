// A bounded load: `clients` real SDK clients over Streamable HTTP share `calls` tool calls, then
// stop. Every call is checked; a failed one is recorded with what the client saw, the client
// starts a new session (as the spec asks after a 404 on its session) and the call is tried once
// more, so "failed" and "lost" can be told apart.
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { clientOptionsFor } from '@refmcp/core/testing';

const INSTANCE_HEADER = 'x-refmcp-instance';

/**
 * Runs the load and resolves with counts. `era` is 'modern' (2026-07-28) or 'legacy'
 * (2025-11-25). `midRun` ({ afterCalls, action }) runs once, without pausing the clients, when
 * that many calls have completed: the kill in the failover runs.
 */
export async function runLoad({ url, era, clients = 50, calls = 20_000, tool, args = {}, midRun }) {
  const stats = {
    era,
    clients,
    calls,
    ok: 0,
    /** First attempts that did not return a result: what a caller without retries would see. */
    failed: 0,
    /** Failed calls that succeeded when retried once on a new session. */
    recovered: 0,
    /** Failed calls that also failed on the new session. */
    lost: 0,
    /** What the failed calls saw, e.g. "HTTP 404: Session not found...": count. */
    failures: {},
    /** Errors outside calls, e.g. a GET stream that could not be resumed: count by message. */
    background: {},
    sessions: 0,
    /** 2025 era: where the first sessions (one per client) were opened, before any failure. */
    homes: {},
    /** 2025 era: calls answered by an instance other than the one that opened the session. */
    offHome: 0,
    /** Successful tools/call responses per instance (the header HAProxy adds). */
    perInstance: {},
    seconds: 0,
    callsPerSecond: 0,
  };
  const bump = (map, key) => {
    map[key] = (map[key] ?? 0) + 1;
  };

  async function connect() {
    let servedBy;
    // Notes which instance answered `initialize` (the session's home) and each tools/call.
    const fetchAndNote = async (input, init) => {
      const response = await fetch(input, init);
      const body = typeof init?.body === 'string' ? init.body : '';
      const instance = response.headers.get(INSTANCE_HEADER) ?? 'direct';
      if (body.includes('"tools/call"')) servedBy = instance;
      else if (body.includes('"initialize"')) session.home = instance;
      return response;
    };
    const client = new Client({ name: 'refmcp-loadtest', version: '0.0.0' }, clientOptionsFor(era));
    const session = { client, closing: false, home: undefined, servedBy: () => servedBy };
    client.onerror = (error) => {
      // A failed POST is reported here too, and already counted as a failed call; aborts are
      // our own close() ending the GET stream.
      if (session.closing || /^Error POSTing/.test(error?.message)) return;
      bump(stats.background, describe(error));
    };
    const transport = new StreamableHTTPClientTransport(url, { fetch: fetchAndNote });
    await client.connect(transport);
    stats.sessions++;
    return session;
  }

  const close = (session) => {
    session.closing = true;
    return session.client.close().catch(() => {});
  };

  async function callOnce(session) {
    const result = await session.client.callTool({ name: tool, arguments: args });
    if (result.isError) throw new Error(`tool error: ${JSON.stringify(result.content).slice(0, 200)}`);
    bump(stats.perInstance, session.servedBy());
    // A 2025-era session must stay on the instance that holds it (sticky routing).
    if (session.home && session.servedBy() !== session.home) stats.offHome++;
  }

  let issued = 0;
  let completed = 0;
  let midRunDone;
  const worker = async (first) => {
    let session = first;
    while (issued < calls) {
      issued++;
      try {
        session ??= await connect();
        await callOnce(session);
      } catch (error) {
        stats.failed++;
        bump(stats.failures, describe(error));
        if (session) await close(session);
        session = undefined;
        try {
          session = await connect();
          await callOnce(session);
          stats.recovered++;
        } catch (again) {
          // The next call starts with a new connect.
          stats.lost++;
          bump(stats.failures, `retry: ${describe(again)}`);
        }
      }
      completed++;
      if (midRun && !midRunDone && completed >= midRun.afterCalls) midRunDone = midRun.action();
    }
    return session;
  };

  const sessions = await Promise.all(Array.from({ length: clients }, connect));
  for (const session of sessions) if (session.home) bump(stats.homes, session.home);
  const start = performance.now();
  const finished = await Promise.all(sessions.map(worker));
  stats.seconds = (performance.now() - start) / 1000;
  stats.ok = Object.values(stats.perInstance).reduce((a, b) => a + b, 0);
  stats.callsPerSecond = Math.round(calls / stats.seconds);
  await midRunDone;
  await Promise.all(finished.filter(Boolean).map(close));
  return stats;
}

/** A short, stable description of an error: HTTP status when there is one, first line of text. */
function describe(error) {
  const status = error?.status ?? error?.data?.status;
  const text = String(error?.message ?? error)
    .split('\n')[0]
    .replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, '<id>')
    .slice(0, 160);
  return status ? `HTTP ${status}: ${text}` : text;
}
