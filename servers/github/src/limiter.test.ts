import { describe, expect, it } from 'vitest';
import { Events, Limiter } from './limiter.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('Limiter (the Bottleneck surface the Octokit plugins use)', () => {
  it('starts a job before any timer runs when nothing asks it to wait', async () => {
    const limiter = new Limiter();
    let started = false;
    const done = limiter.schedule(async (x: number) => {
      started = true;
      return x * 2;
    }, 21);
    expect(started).toBe(true);
    expect(await done).toBe(42);
  });

  it('runs at most maxConcurrent jobs of weight 1; weight 0 jobs pass', async () => {
    const limiter = new Limiter({ maxConcurrent: 1 });
    const release: Array<() => void> = [];
    const hold = () => new Promise<void>((resolve) => release.push(resolve));
    const first = limiter.schedule(hold);
    const second = limiter.schedule(hold);
    const urgent = limiter.schedule({ weight: 0, priority: 0 }, hold);
    await tick();
    expect(release).toHaveLength(2);
    expect(limiter.running()).toBe(1);
    expect(limiter.queued()).toBe(1);
    release[0]?.();
    await first;
    await tick();
    expect(release).toHaveLength(3);
    release[1]?.();
    release[2]?.();
    await Promise.all([second, urgent]);
    expect(limiter.running()).toBe(0);
  });

  it('spaces job starts by minTime and lets priority 0 go first', async () => {
    const limiter = new Limiter({ maxConcurrent: 1, minTime: 60 });
    const starts: Array<[string, number]> = [];
    const t0 = Date.now();
    const job = (name: string) => async () => {
      starts.push([name, Date.now() - t0]);
    };
    await Promise.all([
      limiter.schedule(job('a')),
      limiter.schedule(job('b')),
      limiter.schedule({ priority: 0 }, job('retry')),
    ]);
    expect(starts.map(([name]) => name)).toEqual(['a', 'retry', 'b']);
    expect(starts[1]?.[1]).toBeGreaterThanOrEqual(55);
    expect(starts[2]?.[1]).toBeGreaterThanOrEqual(115);
  });

  it('retries after the delay a failed listener returns, and rejects when it returns nothing', async () => {
    const limiter = new Limiter();
    const seen: number[] = [];
    limiter.on('failed', (_error: unknown, info: { retryCount: number; args: unknown[] }) => {
      seen.push(info.retryCount);
      return info.retryCount < 2 ? 30 : undefined;
    });
    let calls = 0;
    const t0 = Date.now();
    const flaky = async (until: number) => {
      calls++;
      if (calls < until) throw new Error(`attempt ${calls}`);
      return calls;
    };
    expect(await limiter.schedule(flaky, 3)).toBe(3);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(55);
    calls = 0;
    seen.length = 0;
    await expect(limiter.schedule(flaky, 10)).rejects.toThrow('attempt 3');
    expect(seen).toEqual([0, 1, 2]);
  });

  it('Events: the first non-null answer; a throwing listener reports an error and counts as none', async () => {
    const target: { on?: (name: string, cb: (...a: unknown[]) => unknown) => void } = {};
    const events = new Events(target);
    const errors: unknown[] = [];
    target.on?.('error', (e) => errors.push(e));
    target.on?.('limit', () => {
      throw new Error('boom');
    });
    target.on?.('limit', async (n) => (n as number) > 1);
    expect(await events.trigger('limit', 2)).toBe(true);
    expect(errors).toHaveLength(1);
    expect(await events.trigger('nobody')).toBeUndefined();
  });
});
