import type { CliSpec, OptionSpecs, RunContext } from '@refmcp/core';
import { packageVersion, toolChoiceFrom, toolChoiceOptions } from '@refmcp/core';
import { resolveAllowedDirectories } from './sandbox.js';
import { toolsFor } from './tools/index.js';

export const MiB = 1024 * 1024;

/** Everything the server needs, already validated. Tests build one directly. */
export interface FilesystemConfig {
  /** Real paths. Empty means: wait for the client's roots. */
  allowedDirectories: string[];
  readOnly: boolean;
  /** Largest file read whole or written, in bytes. */
  maxFileSize: number;
  /** Most text returned by one read, in bytes; longer reads are cut with a notice. */
  maxReadBytes: number;
  /** Only these tools (empty: all); see toolsFor. */
  tools: string[];
  excludeTools: string[];
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
  ...toolChoiceOptions('FS'),
} as const satisfies OptionSpecs;

export const cliSpec: CliSpec<typeof options> = {
  name: 'refmcp-filesystem',
  // The one place the version is read: --version and the MCP handshake both come from here.
  version: packageVersion(import.meta.url),
  summary: 'MCP server for local files, sandboxed to the directories you name.',
  usage: '[options] [directory...]',
  positionals:
    'Directories the client may access (also FS_ALLOWED_DIRS, separated by the path delimiter).\n' +
    'Without any, the client must send roots. Client roots can narrow these, never widen them.',
  options,
  epilog: 'Example: refmcp-filesystem --read-only ~/code ~/notes',
};

/** Command line and environment become the config; everything a user must fix fails here. */
export async function loadConfig(ctx: RunContext<typeof options>): Promise<FilesystemConfig> {
  const fromEnv =
    ctx.env.FS_ALLOWED_DIRS?.split(process.platform === 'win32' ? ';' : ':').filter(Boolean) ?? [];
  const dirs = ctx.positionals.length > 0 ? ctx.positionals : fromEnv;
  const config: FilesystemConfig = {
    allowedDirectories: await resolveAllowedDirectories(dirs),
    readOnly: ctx.options['read-only'],
    maxFileSize: ctx.options['max-file-size'],
    maxReadBytes: ctx.options['max-read-bytes'],
    ...toolChoiceFrom(ctx.options),
  };
  // An unknown name in --tools or --exclude-tools is a config error, like any other bad value.
  toolsFor(config);
  if (config.allowedDirectories.length === 0) {
    ctx.logger.warn('no directories given; waiting for the client to send roots');
  }
  return config;
}
