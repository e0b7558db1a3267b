/**
 * The mcpb command line, run as a user runs `npx mcpb`: its exit code is the verdict, its output
 * the reason.
 */
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);
const CLI = path.join(
  path.dirname(createRequire(import.meta.url).resolve('@anthropic-ai/mcpb')),
  'cli/cli.js',
);

async function mcpb(...args) {
  try {
    const { stdout } = await exec(process.execPath, [CLI, ...args], { maxBuffer: 16 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    throw new Error(`mcpb ${args.join(' ')} failed:\n${error.stdout ?? ''}${error.stderr ?? error.message}`);
  }
}

/** `mcpb validate`: the manifest against its schema, and its icon. */
export const validate = (manifestPath) => mcpb('validate', manifestPath);

/** `mcpb pack`: validates again, then zips the folder (minus .mcpbignore) into `output`. */
export const pack = (folder, output) => mcpb('pack', folder, output);
