// Open-loop load from several callers, each a real SDK client with its own bearer token: calls
// start on a schedule (rate per caller) whether or not earlier ones have answered, as independent
// clients would, so an overloaded gateway cannot slow the offer down. Each call ends in exactly
// one bucket: ok, refused with 429 or 503 (HAProxy's answers), or lost (anything else: a reset,
// another status, no answer within `timeoutMs`).
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { clientOptionsFor } from '@refmcp/core/testing';

const INSTANCE_HEADER = 'x-refmcp-instance';

/**
 * The HTTP status behind a failed SDK call: the SDK's HTTP errors carry it (`status`, or
 * `data.status`), older paths only in the message ("Error POSTing to endpoint (HTTP 429): ...").
 */
export function httpStatusOf(error) {
  const status = error?.status ?? error?.data?.status ?? /\(HTTP (\d{3})\)/.exec(String(error?.message))?.[1];
  return status === undefined ? undefined : Number(status);
}

/** The q-quantile (0..1) of sorted numbers. */
export function quantile(sorted, q) {
  if (sorted.length === 0) return undefined;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/**
 * `callers`: [{ name, token, calls, rate }] (rate in calls/s). `midRun` ({ afterCalls, action })
 * runs once when that many calls have been started. `maxInFlight` caps each caller's calls awaiting
 * an answer: set it well above what the gateway admits at once, so that it only binds when this
 * process itself falls behind. Without it, a starved generator catches up by starting hundreds of
 * calls at once, each on a fresh connection it then cannot write to for seconds, and HAProxy
 * rightly answers a connection silent for `timeout http-request` with 408 (587 of 2,000 calls on
 * one loaded core). Resolves with a row per caller and totals.
 */
export async function runGuardLoad({
  url,
  callers,
  tool,
  args = {},
  era = 'modern',
  timeoutMs = 30_000,
  midRun,
  maxInFlight = Number.POSITIVE_INFINITY,
}) {
  const totals = newCounts();
  /** Refusals that broke the contract: no Retry-After, or a body that is not a JSON-RPC error. */
  totals.malformedRefusals = 0;
  let started = 0;
  let midRunDone;

  const clients = await Promise.all(
    callers.map(async (caller) => {
      const counts = newCounts();
      // Checks every refusal as a client would read it: status, Retry-After, JSON-RPC error body.
      const fetchAndCheck = async (input, init) => {
        const headers = new Headers(init?.headers);
        headers.set('authorization', `Bearer ${caller.token}`);
        const response = await fetch(input, { ...init, headers });
        const isCall = typeof init?.body === 'string' && init.body.includes('"tools/call"');
        if (response.status === 200 && isCall) {
          const instance = response.headers.get(INSTANCE_HEADER) ?? 'direct';
          counts.perInstance[instance] = (counts.perInstance[instance] ?? 0) + 1;
        }
        if (response.status === 429 || response.status === 503) {
          const body = await response
            .clone()
            .json()
            .catch(() => undefined);
          const sentId = isCall ? JSON.parse(init.body).id : undefined;
          const wellFormed =
            /^\d+$/.test(response.headers.get('retry-after') ?? '') &&
            body?.jsonrpc === '2.0' &&
            typeof body.error?.code === 'number' &&
            typeof body.error?.message === 'string' &&
            (sentId === undefined || body.id === sentId);
          if (!wellFormed) totals.malformedRefusals++;
        }
        return response;
      };
      const client = await connectPolitely(url, caller.name, era, fetchAndCheck);
      return { caller, client, counts, latencies: [] };
    }),
  );

  const callOnce = async (entry) => {
    const begin = performance.now();
    const { counts } = entry;
    counts.issued++;
    try {
      const result = await entry.client.callTool({ name: tool, arguments: args }, { timeout: timeoutMs });
      if (result.isError) throw new Error(`tool error: ${JSON.stringify(result.content).slice(0, 160)}`);
      counts.ok++;
      entry.latencies.push(performance.now() - begin);
    } catch (error) {
      const status = httpStatusOf(error);
      if (status === 429) {
        counts.limited++;
        // The body says which limit: the caller's rate, or its calls in flight.
        if (/in flight/.test(String(error?.message))) counts.limitedInFlight++;
      } else if (status === 503) counts.shed++;
      else {
        counts.lost++;
        // undici says "fetch failed" and puts the reason (a reset, a refused connection) in cause.
        const cause = error?.cause ? ` (${error.cause.code ?? ''} ${error.cause.message ?? ''})` : '';
        const what = `${String(error?.message ?? error)
          .split('\n')[0]
          .slice(0, 160)}${cause}`;
        counts.failures[what] = (counts.failures[what] ?? 0) + 1;
      }
    }
  };

  const runCaller = async (entry) => {
    const { calls, rate } = entry.caller;
    const pending = [];
    const inFlight = new Set();
    const t0 = performance.now();
    let issued = 0;
    while (issued < calls) {
      // Every call whose start time has come starts now: a generator that fell behind catches up.
      const due = Math.min(calls, Math.floor(((performance.now() - t0) / 1000) * rate) + 1);
      for (; issued < due && inFlight.size < maxInFlight; issued++) {
        const call = callOnce(entry).finally(() => inFlight.delete(call));
        inFlight.add(call);
        pending.push(call);
        started++;
        if (midRun && !midRunDone && started >= midRun.afterCalls) midRunDone = midRun.action();
      }
      await (inFlight.size >= maxInFlight
        ? Promise.race(inFlight)
        : new Promise((resolve) => setTimeout(resolve, 5)));
    }
    await Promise.all(pending);
  };

  const begin = performance.now();
  try {
    await Promise.all(clients.map(runCaller));
  } finally {
    await midRunDone;
    await Promise.all(clients.map(({ client }) => client.close().catch(() => {})));
  }
  const seconds = (performance.now() - begin) / 1000;

  const rows = clients.map(({ caller, counts, latencies }) =>
    summarize(caller.name, counts, latencies, seconds),
  );
  for (const { counts } of clients) addCounts(totals, counts);
  const all = clients.flatMap(({ latencies }) => latencies);
  return {
    seconds,
    callers: rows,
    total: summarize('all', totals, all, seconds),
    malformedRefusals: totals.malformedRefusals,
    /** Every admitted call's latency (ms), for merging runs made in several processes. */
    latencies: all,
  };
}

/**
 * Connects as a well-behaved client does: a connect refused with 429 or 503 (other callers may
 * already be loading the gateway) is tried again after the Retry-After the gateway asked for.
 */
async function connectPolitely(url, name, era, fetchImpl, attempts = 30) {
  for (let attempt = 1; ; attempt++) {
    const client = new Client({ name: `refmcp-guard-${name}`, version: '0.0.0' }, clientOptionsFor(era));
    try {
      await client.connect(new StreamableHTTPClientTransport(url, { fetch: fetchImpl }));
      return client;
    } catch (error) {
      await client.close().catch(() => {});
      // The probe may surface the gateway's JSON-RPC error itself rather than the HTTP status.
      const refused =
        [429, 503].includes(httpStatusOf(error)) ||
        /Rate limit|Too many calls|overloaded/.test(String(error?.message));
      if (!refused || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}

/** One result from the results of several runGuardLoad calls made side by side (one per process). */
export function mergeGuardResults(results) {
  const seconds = Math.max(...results.map((r) => r.seconds));
  const totals = newCounts();
  for (const r of results) addCounts(totals, r.total);
  const latencies = results.flatMap((r) => r.latencies);
  return {
    seconds,
    callers: results.flatMap((r) => r.callers),
    total: summarize('all', totals, latencies, seconds),
    malformedRefusals: results.reduce((n, r) => n + r.malformedRefusals, 0),
    latencies,
  };
}

function newCounts() {
  return {
    issued: 0,
    ok: 0,
    limited: 0,
    limitedInFlight: 0,
    shed: 0,
    lost: 0,
    failures: {},
    perInstance: {},
  };
}

function addCounts(into, from) {
  for (const key of ['issued', 'ok', 'limited', 'limitedInFlight', 'shed', 'lost']) into[key] += from[key];
  for (const map of ['failures', 'perInstance'])
    for (const [k, n] of Object.entries(from[map])) into[map][k] = (into[map][k] ?? 0) + n;
}

function summarize(name, counts, latencies, seconds) {
  const sorted = [...latencies].sort((a, b) => a - b);
  const ms = (q) => (sorted.length ? Math.round(quantile(sorted, q) * 10) / 10 : undefined);
  return {
    name,
    ...counts,
    offeredPerSecond: Math.round(counts.issued / seconds),
    admittedPerSecond: Math.round(counts.ok / seconds),
    p50: ms(0.5),
    p99: ms(0.99),
  };
}
