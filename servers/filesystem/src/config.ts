import type { CliSpec, OptionSpecs, RunContext } from '@refmcp/core';
import { packageVersion, toolChoiceFrom, toolChoiceOptions } from '@refmcp/core';
import { resolveAllowedDirectories } from '@refmcp/core/sandbox';
import { MAX_READ_BYTES_LIMIT, MAX_WRITE_BYTES_LIMIT, MiB } from './limits.js';
import { toolsFor } from './tools/index.js';

export { MiB };

/** Everything the server needs, already validated. Tests build one directly. */
export interface FilesystemConfig {
  /** Real paths. Empty means: wait for the client's roots. */
  allowedDirectories: string[];
  readOnly: boolean;
  /** Largest file tools work on (edit, search, read whole), in bytes. */
  maxFileSize: number;
  /** Most text returned by one read, in bytes; longer reads are cut with a notice. */
  maxReadBytes: number;
  /** Most content one write_file call may carry, in bytes. */
  maxWriteBytes: number;
  /** Most bytes (uncompressed, counted as written) one zip or unzip call may handle. */
  maxArchiveBytes: number;
  /** Most entries one zip or unzip call may handle. */
  maxArchiveEntries: number;
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
    description: 'Largest file (bytes) tools work on: edited, searched, read whole.',
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
    max: MAX_READ_BYTES_LIMIT,
    placeholder: '<bytes>',
  },
  'max-write-bytes': {
    type: 'integer',
    description:
      'Most content (bytes) one write_file call carries; 8 MiB, the default, is the most one message holds.',
    env: 'FS_MAX_WRITE_BYTES',
    default: MAX_WRITE_BYTES_LIMIT,
    min: 1,
    max: MAX_WRITE_BYTES_LIMIT,
    placeholder: '<bytes>',
  },
  'max-archive-bytes': {
    type: 'integer',
    description: 'Most bytes (uncompressed) one zip or unzip call handles; unzip counts what it writes.',
    env: 'FS_MAX_ARCHIVE_BYTES',
    default: 1024 * MiB,
    min: 1,
    placeholder: '<bytes>',
  },
  'max-archive-entries': {
    type: 'integer',
    description: 'Most files and directories one zip or unzip call handles.',
    env: 'FS_MAX_ARCHIVE_ENTRIES',
    default: 10_000,
    min: 1,
    max: 1_000_000,
    placeholder: '<count>',
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
    maxWriteBytes: ctx.options['max-write-bytes'],
    maxArchiveBytes: ctx.options['max-archive-bytes'],
    maxArchiveEntries: ctx.options['max-archive-entries'],
    ...toolChoiceFrom(ctx.options),
  };
  // An unknown name in --tools or --exclude-tools is a config error, like any other bad value.
  toolsFor(config);
  if (config.allowedDirectories.length === 0) {
    ctx.logger.warn('no directories given; waiting for the client to send roots');
  }
  return config;
}
