import { setTimeout as sleep } from 'node:timers/promises';
/** Polls `check` every 10 ms until it holds; throws naming `what` after `timeoutMs`. */
export async function waitUntil(check, what, timeoutMs = 5000) {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
        if (Date.now() > deadline)
            throw new Error(`timed out waiting for ${what}`);
        await sleep(10);
    }
}
