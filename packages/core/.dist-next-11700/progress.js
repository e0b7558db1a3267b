const MIN_INTERVAL_MS = 100;
/**
 * Progress for long operations. Throttled, because a walk of 100k files would otherwise send
 * 100k notifications and spend more time on JSON-RPC than on the walk.
 */
export function createProgressReporter(sdk) {
    const token = sdk.mcpReq._meta?.progressToken;
    if (token === undefined)
        return () => { };
    let last = 0;
    let lastProgress = -1;
    return (progress, total, message) => {
        const now = Date.now();
        const final = total !== undefined && progress >= total;
        if ((!final && now - last < MIN_INTERVAL_MS) || progress <= lastProgress)
            return;
        last = now;
        lastProgress = progress;
        const params = {
            progressToken: token,
            progress,
            ...(total !== undefined && { total }),
            ...(message && { message }),
        };
        sdk.mcpReq.notify({ method: 'notifications/progress', params }).catch(() => {
            // The client went away; the call will be cancelled through the signal.
        });
    };
}
/** Throws the standard AbortError when the call was cancelled; call it between units of work. */
export function throwIfAborted(signal) {
    if (signal.aborted) {
        const error = new Error('The request was cancelled.');
        error.name = 'AbortError';
        throw error;
    }
}
