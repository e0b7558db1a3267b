import { commonOptions, parseCli } from '../config.js';
import { createLogger } from '../logger.js';
/**
 * What runCli would hand a server's `build` for this command line and environment, so a config
 * test calls `loadConfig` exactly as a real start does (common options included).
 */
export function runContextFor(spec, argv = [], env = {}) {
    const parsed = parseCli({ ...spec, options: { ...spec.options, ...commonOptions } }, argv, env);
    if (parsed.kind !== 'run')
        throw new Error(`${argv.join(' ')} asks for ${parsed.kind}, not a run`);
    return {
        options: parsed.options,
        positionals: parsed.positionals,
        env,
        logger: createLogger({ name: spec.name, level: 'silent' }),
        version: spec.version,
    };
}
