import type { CliSpec, OptionSpecs, RunContext } from '@refmcp/core';
import { resolveAllowedDirectories } from './sandbox.js';

export const MiB = 1024 * 1024;

export interface FilesystemConfig {
  /** Real paths. Empty means: wait for the client's roots. */
  allowedDirectories: string[];
  readOnly: boolean;
  /** Largest file read whole or written, in bytes. */
  maxFileSize: number;
  /** Most text returned by one read, in bytes; longer reads are cut with a notice. */
  maxReadBytes: number;
}

export const options = {
  'read-only': {
    type: 'boolean',
    description: 'Register no tool that writes, moves or deletes.',
    env: 'FS_READ_ONLY',
  },
  'max-file-size': {
    type: 'integer',
    description: 'Largest file (bytes) read whole or written.',
    env: 'FS_MAX_FILE_SIZE',
    default: 50 * MiB,
    min: 1,
    placeholder: '<bytes>',
  },
  'max-read-bytes': {
    type: 'integer',
    description: 'Most text (bytes) one read returns; longer reads are truncated with a notice.',
    env: 'FS_MAX_READ_BYTES',
    default: 256 * 1024,
    min: 1024,
    placeholder: '<bytes>',
  },
} as const satisfies OptionSpecs;

export const cliSpec = (version: string): CliSpec<typeof options> => ({
  name: 'refmcp-filesystem',
  version,
  summary: 'MCP server for local files, sandboxed to the directories you name.',
  usage: '[options] [directory...]',
  positionals:
    'Directories the client may access (also FS_ALLOWED_DIRS, separated by the path delimiter).\n' +
    'Without any, the client must send roots. Client roots can narrow these, never widen them.',
  options,
  epilog: 'Example: refmcp-filesystem --read-only ~/code ~/notes',
});

export async function loadConfig(ctx: RunContext<typeof options>): Promise<FilesystemConfig> {
  const fromEnv =
    ctx.env.FS_ALLOWED_DIRS?.split(process.platform === 'win32' ? ';' : ':').filter(Boolean) ?? [];
  const dirs = ctx.positionals.length > 0 ? ctx.positionals : fromEnv;
  return {
    allowedDirectories: await resolveAllowedDirectories(dirs),
    readOnly: ctx.options['read-only'],
    maxFileSize: ctx.options['max-file-size'],
    maxReadBytes: ctx.options['max-read-bytes'],
  };
}
