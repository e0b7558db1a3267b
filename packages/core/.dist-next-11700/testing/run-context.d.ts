import { type CliSpec, type OptionSpecs } from '../config.js';
import type { RunContext } from '../run.js';
/**
 * What runCli would hand a server's `build` for this command line and environment, so a config
 * test calls `loadConfig` exactly as a real start does (common options included).
 */
export declare function runContextFor<O extends OptionSpecs>(spec: CliSpec<O>, argv?: readonly string[], env?: Readonly<Record<string, string | undefined>>): RunContext<O>;
