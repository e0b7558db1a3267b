// The gateway's guards, with real HAProxy, real filesystem server processes and real SDK clients:
// configs HAProxy accepts, a call that holds the only slot (shedding, queue timeout, per-caller
// calls in flight, streams beside the cap), and a short load run with an abusive caller and an
// instance killed mid-run. Invariants only: nothing here depends on how fast the machine is.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { CAN_ASK_USER, clientOptionsFor } from '@refmcp/core/testing';
import { describe, expect, it } from 'vitest';
import { startCluster } from './cluster.mjs';
import { httpStatusOf, runGuardLoad } from './guard-load.mjs';
import { renderConfig, writeCheckedConfig } from './haproxy.mjs';
import { resolveLimits } from './limits.mjs';

/** Polls an async check every 20 ms; throws naming `what` after `timeoutMs`. */
async function eventually(check, what, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A real SDK client sending `token`; `seen` collects each HTTP answer's status, headers and body. */
async function connectAs(url, token, { era = 'modern', options = {} } = {}) {
  const seen = [];
  const fetchWithToken = async (input, init) => {
    const headers = new Headers(init?.headers);
    headers.set('authorization', `Bearer ${token}`);
    const response = await fetch(input, { ...init, headers });
    if (!response.ok)
      seen.push({ status: response.status, headers: response.headers, body: await response.clone().text() });
    return response;
  };
  const client = new Client({ name: 'guard-test', version: '0.0.0' }, clientOptionsFor(era, options));
  await client.connect(new StreamableHTTPClientTransport(url, { fetch: fetchWithToken }));
  return { client, seen };
}

/** The HTTP status a refused call met; 200 if it was served. */
async function statusOfCall(client) {
  try {
    await client.callTool({ name: 'list_allowed_directories', arguments: {} });
    return 200;
  } catch (error) {
    return httpStatusOf(error);
  }
}

describe('the gateway guards the instances', () => {
  it('renders configs HAProxy accepts, and refuses bad limits by flag name', async () => {
    const scratch = await mkdtemp(path.join(tmpdir(), 'refmcp-guard-cfg-'));
    try {
      const servers = [1, 2].map((i) => ({ name: `mcp${i}`, host: '127.0.0.1', port: 18180 + i }));
      const base = {
        bind: '127.0.0.1:18180',
        statsSocket: path.join(scratch, 'sock'),
        healthPath: '/readyz',
      };
      for (const [i, given] of [
        {},
        { instanceMaxconn: 2, maxQueue: 1, queueTimeout: '500ms', rateLimit: '5/1s' },
      ].entries()) {
        const limits = resolveLimits(given, servers.length);
        const config = renderConfig({ ...base, servers, limits, metricsBind: '127.0.0.1:18189' });
        expect(config).toContain(`maxconn ${limits.instanceMaxconn}`);
        expect(config).toContain(`sc_gpc0_rate(0) ge ${limits.rateLimit}`);
        expect(config).toContain(`{ queue(mcp) ge ${limits.maxQueue} }`);
        expect(config).toContain('prometheus-exporter');
        // Security: nothing in the log format reads a header, so no token can reach the log.
        expect(config).not.toMatch(/capture request header|log-format[^\n]*req\.hdr/i);
        expect(() => writeCheckedConfig(config, path.join(scratch, `ok${i}.cfg`))).not.toThrow();
      }
      expect(() => resolveLimits({ maxQueue: 0, rateLimit: '10/x', queueTimeout: 'soon' })).toThrow(
        /--max-queue 0.*--queue-timeout soon.*--rate-limit 10\/x/,
      );
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  });

  it('a call holding the only slot: one more waits and times out with 503, the next is shed at once, the same caller gets 429, streams stay beside the cap', async () => {
    // The queue timeout only needs to outlast the few requests sent while one call waits.
    const limits = { instanceMaxconn: 1, maxQueue: 1, queueTimeout: '5s', callerConcurrency: 1 };
    const cluster = await startCluster({ target: 'filesystem', instances: 1, limits });
    const clients = [];
    try {
      // Everyone connects first (a 2026-era connect is a request too).
      const sameCaller = await connectAs(cluster.url, 'token-holder');
      const waiter = await connectAs(cluster.url, 'token-waiter');
      const shed = await connectAs(cluster.url, 'token-shed');
      clients.push(sameCaller.client, waiter.client, shed.client);
      // A 2025-era client whose user never answers the approval question: its delete_path call
      // stays open on the instance, as a long call with progress would.
      const holder = await connectAs(cluster.url, 'token-holder', { era: 'legacy', options: CAN_ASK_USER });
      clients.push(holder.client);
      holder.client.setRequestHandler('elicitation/create', () => new Promise(() => {}));
      const listing = await holder.client.callTool({ name: 'list_allowed_directories', arguments: {} });
      const dir = listing.structuredContent.directories[0];
      void holder.client
        .callTool({ name: 'delete_path', arguments: { path: path.join(dir, 'hello.txt') } })
        .catch(() => {});
      await eventually(async () => (await cluster.stats())[0].scur === 1, 'the held call to take the slot');
      // Its GET notification stream is open too, in the streams backend: not in a call slot.
      expect((await cluster.stats('mcp_streams'))[0].scur).toBeGreaterThanOrEqual(1);

      // The same caller again: over its 1 call in flight, refused at once.
      expect(await statusOfCall(sameCaller.client)).toBe(429);
      expect(JSON.parse(sameCaller.seen.at(-1).body).error.message).toMatch(/in flight/);

      // Another caller waits in the queue (its one place), then gets HAProxy's own 503.
      const waiting = statusOfCall(waiter.client);
      await eventually(
        async () => (await cluster.stats())[0].qcur + (await cluster.queued()) >= 1,
        'a queued call',
      );
      // A third finds the queue full: shed at once.
      expect(await statusOfCall(shed.client)).toBe(503);
      expect(await waiting).toBe(503);

      for (const answer of [shed.seen.at(-1), waiter.seen.at(-1), sameCaller.seen.at(-1)]) {
        expect(answer.headers.get('retry-after')).toMatch(/^\d+$/);
        expect(answer.headers.get('content-type')).toBe('application/json');
        const body = JSON.parse(answer.body);
        expect(body).toMatchObject({ jsonrpc: '2.0', error: { code: -32000 } });
        expect(typeof body.id).toBe('number');
        expect(body.error.data.retryAfterSeconds).toBe(Number(answer.headers.get('retry-after')));
      }
      // None of those three reached the instance: it only ever saw the holder's calls.
      expect(cluster.instances[0].alive).toBe(true);

      const metrics = await (await fetch(cluster.metricsUrl)).text();
      expect(metrics).toMatch(/haproxy_backend_http_requests_total\{proxy="edge_overloaded"\} 1\b/);
      expect(metrics).toMatch(/haproxy_backend_http_requests_total\{proxy="edge_rate_limited"\} 1\b/);
    } finally {
      await Promise.all(clients.map((client) => client.close().catch(() => {})));
      await cluster.stop();
    }
  });

  it('load with an abusive caller and an instance killed mid-run: every call answered or closed for a retry, the abuser limited, the others served', async () => {
    const allowance = 300;
    const cluster = await startCluster({
      target: 'filesystem',
      instances: 2,
      // A window longer than the run: the limit is a count, whatever the machine's speed.
      limits: { rateLimit: `${allowance}/10m`, instanceMaxconn: 4, maxQueue: 8, callerConcurrency: 100_000 },
    });
    try {
      const callers = [1, 2, 3, 4].map((i) => ({
        name: `caller${i}`,
        token: `token-${i}-${i * 7919}`,
        calls: 200,
        rate: 40,
      }));
      callers.push({ name: 'abusive', token: 'token-abusive-104729', calls: 1200, rate: 400 });
      const victim = cluster.instances[1];
      const result = await runGuardLoad({
        url: cluster.url,
        callers,
        tool: cluster.tool,
        midRun: { afterCalls: 800, action: () => victim.kill() },
        // The gateway holds 16 calls at most (2 × 4 running, 8 queued) and answers the rest at once.
        maxInFlight: 32,
      });

      // Each call got a result, a 429 or a 503, each refusal well formed, with one exception that
      // is HAProxy's by design: a call it had sent on a reused connection to the instance as it
      // died, whose retries then all met that instance's closed port (leastconn picks it while the
      // live one is at its maxconn; the refusals are synchronous, so all retries go before the
      // instance is marked down). HAProxy logs a 503 with term=SC and closes the client's
      // connection unanswered, as the instance would have, so that the client knows it may
      // retry. Every such close must match one of those log lines; nothing else may be lost.
      const CLOSED_UNANSWERED = 'fetch failed (UND_ERR_SOCKET other side closed)';
      const { [CLOSED_UNANSWERED]: closedUnanswered = 0, ...otherFailures } = result.total.failures;
      const gaveUpOnVictim = () =>
        cluster
          .accessLog()
          .split('\n')
          .filter((line) => / POST \/mcp 503 .* instance=(\S+) .* term=SC--$/.exec(line)?.[1] === victim.name)
          .length;
      // HAProxy writes a log line when its request ends: give the pipe a moment.
      await eventually(
        () => gaveUpOnVictim() >= closedUnanswered,
        'the log lines of unanswered calls',
        5_000,
      ).catch(() => {});
      expect(otherFailures).toEqual({});
      expect(closedUnanswered).toBeLessThanOrEqual(gaveUpOnVictim());
      expect(result.total.lost).toBe(closedUnanswered);
      expect(result.malformedRefusals).toBe(0);
      for (const row of result.callers) expect(row.ok + row.limited + row.shed + row.lost).toBe(row.issued);
      // The abuser got its allowance at most (its connection's first request counts too) ...
      const abusive = result.callers.at(-1);
      expect(abusive.ok).toBeLessThanOrEqual(allowance);
      expect(abusive.limited).toBeGreaterThanOrEqual(
        abusive.issued - allowance - abusive.shed - abusive.lost,
      );
      // ... and the others, under their allowance, were never limited and were served.
      for (const row of result.callers.slice(0, -1)) {
        expect(row.limited).toBe(0);
        expect(row.ok).toBeGreaterThan(0);
      }
      expect((await cluster.stats()).find((row) => row.name === victim.name)?.status).toMatch(/^DOWN/);

      // Metrics count every 429; the access log names calls and never a token.
      const metrics = await (await fetch(cluster.metricsUrl)).text();
      const limited = Number(
        /haproxy_backend_http_requests_total\{proxy="edge_rate_limited"\} (\d+)/.exec(metrics)?.[1],
      );
      expect(limited).toBe(result.total.limited);
      const log = cluster.accessLog();
      expect(log).toMatch(
        /method="tools\/call" tool="list_allowed_directories" subject="" caller="token:[0-9a-f]{16}" backend=mcp instance=mcp[12] /,
      );
      for (const { token } of callers) expect(log).not.toContain(token);
    } finally {
      await cluster.stop();
    }
  });
});
