// One caller of the guard load test in a process of its own (forked by guard-scenario.mjs), so
// that each caller is a separate client with its own event loop, as callers are in real life, and
// a loaded machine delays one caller's sends without delaying all of them.
// The parent sends { url, caller, tool, args } and gets back runGuardLoad's result.
import { runGuardLoad } from './guard-load.mjs';

process.once('message', async ({ url, caller, tool, args }) => {
  try {
    const result = await runGuardLoad({ url: new URL(url), callers: [caller], tool, args });
    process.send({ result }, () => process.exit(0));
  } catch (error) {
    process.send({ error: String(error?.stack ?? error) }, () => process.exit(1));
  }
});
