// The gateway's limits: defaults, the launcher's flags, and the checks that keep a bad value from
// reaching HAProxy's config as anything but a clear error.

/**
 * Defaults for one small deployment. A refmcp call is mostly CPU on one core: 32 concurrent calls
 * per instance already queue inside Node, so the cap bounds latency without idling the instance.
 */
export const DEFAULT_LIMITS = {
  /** Calls one instance runs at once (HAProxy `maxconn` on each server line). */
  instanceMaxconn: 32,
  /** Notification streams (GET, subscriptions/listen) one instance holds at once. */
  streamMaxconn: 1000,
  /** Calls that may wait for a free slot, all instances together; the next one gets 503. */
  maxQueue: 64,
  /** How long a queued call waits before HAProxy answers 503. */
  queueTimeout: '2s',
  /** Requests per caller per period: `<count>/<period>`. */
  rateLimit: '600/60s',
  /** Calls in flight per caller; undefined: half of all call slots and queue places. */
  callerConcurrency: undefined,
  /** Retry-After on 503s, in seconds. */
  shedRetryAfter: 1,
};

/**
 * Limits that refuse nothing: for the throughput and failover measurements, where all load comes
 * from one address and the question is how the instances and the balancer do, not the guards.
 */
export const WIDE_OPEN = { rateLimit: '1000000/1s', callerConcurrency: 100_000, maxQueue: 10_000 };

/** The launcher's flags for the limits (parseArgs options), named as in the README. */
export const LIMIT_FLAGS = {
  'instance-maxconn': { type: 'string' },
  'stream-maxconn': { type: 'string' },
  'max-queue': { type: 'string' },
  'queue-timeout': { type: 'string' },
  'rate-limit': { type: 'string' },
  'caller-concurrency': { type: 'string' },
};

/** parseArgs values → the limits startCluster takes (strings are checked by resolveLimits). */
export function limitsFromFlags(values) {
  const pick = {
    instanceMaxconn: values['instance-maxconn'],
    streamMaxconn: values['stream-maxconn'],
    maxQueue: values['max-queue'],
    queueTimeout: values['queue-timeout'],
    rateLimit: values['rate-limit'],
    callerConcurrency: values['caller-concurrency'],
  };
  return Object.fromEntries(Object.entries(pick).filter(([, value]) => value !== undefined));
}

/** `2s`, `500ms`, `1m` → seconds; undefined when it is not one of those. */
export function durationSeconds(text) {
  const match = /^(\d+)(ms|s|m)$/.exec(String(text));
  if (!match) return undefined;
  const n = Number(match[1]);
  return match[2] === 'ms' ? n / 1000 : match[2] === 'm' ? n * 60 : n;
}

/**
 * Checked limits with every value filled in, for `instances` instances. Throws one message that
 * names each bad flag and what it wants.
 */
export function resolveLimits(given = {}, instances = 1) {
  const merged = { ...DEFAULT_LIMITS, ...given };
  const problems = [];
  const whole = (key, flag, min) => {
    const n = Number(merged[key]);
    if (!Number.isInteger(n) || n < min) problems.push(`--${flag} ${merged[key]} (a whole number >= ${min})`);
    return n;
  };
  const instanceMaxconn = whole('instanceMaxconn', 'instance-maxconn', 1);
  const streamMaxconn = whole('streamMaxconn', 'stream-maxconn', 1);
  // At least 1: the shedding rule compares the number waiting with it (0 would shed every call).
  const maxQueue = whole('maxQueue', 'max-queue', 1);
  const shedRetryAfter = whole('shedRetryAfter', 'shed-retry-after', 1);
  const queueSeconds = durationSeconds(merged.queueTimeout);
  if (queueSeconds === undefined || queueSeconds <= 0)
    problems.push(`--queue-timeout ${merged.queueTimeout} (a duration such as 2s or 500ms)`);
  const [count, period] = String(merged.rateLimit).split('/');
  const rateLimit = Number(count);
  const periodSeconds = durationSeconds(period);
  if (!Number.isInteger(rateLimit) || rateLimit < 1 || !periodSeconds || periodSeconds < 1)
    problems.push(`--rate-limit ${merged.rateLimit} (<requests>/<period>, e.g. 600/60s; period 1s or more)`);
  const callerConcurrency =
    merged.callerConcurrency === undefined
      ? Math.max(1, Math.ceil((instanceMaxconn * instances + maxQueue) / 2))
      : whole('callerConcurrency', 'caller-concurrency', 1);
  if (problems.length > 0) throw new Error(`invalid limits: ${problems.join('; ')}`);
  return {
    instanceMaxconn,
    streamMaxconn,
    maxQueue,
    queueTimeout: merged.queueTimeout,
    rateLimit,
    ratePeriod: period,
    // A sliding window frees one request's room about every period/limit seconds; never less
    // than the 1 s Retry-After can say.
    rateRetryAfter: Math.max(1, Math.ceil(periodSeconds / rateLimit)),
    // Counters must outlive the period they measure.
    rateExpire: `${Math.max(60, Math.ceil(periodSeconds * 2))}s`,
    callerConcurrency,
    shedRetryAfter,
  };
}
