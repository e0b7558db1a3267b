import type { Stats } from 'node:fs';
import { lstat } from 'node:fs/promises';
import path from 'node:path';
import { InvalidInputError, NotFoundError, PermissionDeniedError } from '@refmcp/core';
import { isWithin, type Sandbox } from '@refmcp/core/sandbox';

/** A path named by the client, located without following a symlink in its last component. */
export interface Entry {
  /** Real parent directory joined with the entry's own name. */
  path: string;
  /** `lstat` of the entry itself, or undefined when nothing is there. */
  stats: Stats | undefined;
}

/**
 * Locates the entry a path names, without following a symlink in its last component.
 *
 * Move and delete act on links themselves (moving or deleting a link must never touch its target),
 * so `Sandbox.resolve`, which follows links, is applied to the parent only. `parent: 'create'`
 * allows parents that do not exist yet (a destination).
 */
export async function locateEntry(
  sandbox: Sandbox,
  input: string,
  parent: 'read' | 'create' = 'read',
): Promise<Entry> {
  // Security: the name is split off before the sandbox sees the parent, so it must be checked here
  // too; a NUL byte in the last component would otherwise slip past.
  if (input.includes('\0')) throw new InvalidInputError('Path contains a NUL byte.');
  if (input.trim() === '') throw new InvalidInputError('Path is empty.');
  const normal = stripTrailingSeparators(path.normalize(input));
  const name = path.basename(normal);
  if (name === '' || name === '.' || name === '..' || normal === '~') {
    // A directory named through `.`, `..`, `~` or `/` has no last component to keep unresolved.
    const real = await sandbox.resolve(input, 'read');
    return { path: real, stats: await lstat(real) };
  }
  // Security: the parent goes through the sandbox (real-path checked); the name is one component
  // without separators, so the joined path stays inside that parent.
  let parentReal: string;
  try {
    parentReal = await sandbox.resolve(path.dirname(normal), parent);
  } catch (error) {
    // An allowed directory's parent is outside; name the directory itself so callers can refuse
    // it by what it is rather than with a confusing "outside" message.
    const whole = await sandbox.resolve(input, 'read').catch(() => undefined);
    if (whole !== undefined && sandbox.directories.includes(whole)) {
      return { path: whole, stats: await lstat(whole) };
    }
    throw error;
  }
  const entryPath = path.join(parentReal, name);
  const stats = await lstat(entryPath).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return undefined;
    throw error;
  });
  return { path: entryPath, stats };
}

/**
 * Locates an entry that must exist and that the client may move or delete (`verb` says which):
 * never an allowed directory or one that holds one.
 */
export async function locateRemovableEntry(
  sandbox: Sandbox,
  input: string,
  verb: 'move' | 'delete',
): Promise<Entry & { stats: Stats }> {
  const entry = await locateEntry(sandbox, input);
  if (!entry.stats) {
    throw new NotFoundError(`${input} does not exist.`, {
      hint: 'Check the path with list_directory or search_files.',
    });
  }
  refuseAllowedDirectory(sandbox, entry.path, verb);
  return { path: entry.path, stats: entry.stats };
}

// A backslash is an ordinary file name character on POSIX, so only `/` counts there.
const TRAILING_SEPARATORS = process.platform === 'win32' ? /[\\/]+$/ : /\/+$/;

function stripTrailingSeparators(p: string): string {
  const stripped = p.replace(TRAILING_SEPARATORS, '');
  return stripped === '' ? p : stripped;
}

/**
 * Security: an allowed directory (or a directory holding one) must survive any move or delete,
 * or a client could remove the ground the sandbox stands on.
 */
export function refuseAllowedDirectory(sandbox: Sandbox, entryPath: string, verb: string): void {
  const hit = sandbox.directories.find((dir) => isWithin(dir, entryPath));
  if (hit === undefined) return;
  const what = hit === entryPath ? 'is an allowed directory' : `contains the allowed directory ${hit}`;
  throw new PermissionDeniedError(`Refusing to ${verb} ${entryPath}: it ${what}.`, {
    hint: 'Act on entries inside the allowed directories instead.',
  });
}

export type EntryType = 'file' | 'directory' | 'symlink' | 'other';

export function entryType(stats: Stats): EntryType {
  if (stats.isSymbolicLink()) return 'symlink';
  if (stats.isFile()) return 'file';
  if (stats.isDirectory()) return 'directory';
  return 'other';
}
