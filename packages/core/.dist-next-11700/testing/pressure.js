import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
/**
 * Runs `work` (usually one hostile call) while pinging the same server through `pinger` every
 * `intervalMs`, and reports how late the pings came back and how much memory the server process
 * reached. For hostile-input tests: a server shared by many users must keep answering while any
 * single call runs. Assert generous bounds in tests; the bench measures the real numbers.
 */
export async function underPressure(pinger, pid, work, { intervalMs = 50 } = {}) {
    let done = false;
    let maxPingMs = 0;
    let pings = 0;
    const pinging = (async () => {
        while (!done) {
            const started = performance.now();
            await pinger.ping().catch(() => { });
            maxPingMs = Math.max(maxPingMs, performance.now() - started);
            pings++;
            if (!done)
                await sleep(intervalMs);
        }
    })();
    const outcome = await work().then((value) => ({ ok: true, value }), (error) => ({ ok: false, error }));
    done = true;
    // A ping sent while the server was stuck answers late: it still counts.
    await pinging;
    return { outcome, maxPingMs: Math.round(maxPingMs), pings, peakRssBytes: await peakRss(pid) };
}
async function peakRss(pid) {
    if (!pid)
        return undefined;
    const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
    const kb = /^VmHWM:\s+(\d+) kB/m.exec(status)?.[1];
    return kb ? Number(kb) * 1024 : undefined;
}
