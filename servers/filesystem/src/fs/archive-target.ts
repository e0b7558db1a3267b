import { randomBytes } from 'node:crypto';
import { link, rm } from 'node:fs/promises';
import path from 'node:path';
import { InvalidInputError } from '@refmcp/core';
import type { Sandbox } from '@refmcp/core/sandbox';
import { locateEntry } from './entry.js';
import { makeDirectories } from './make-dirs.js';

/**
 * Where a new archive goes: inside the sandbox (its parent resolved through it) and not there yet,
 * so creating one never loses anything. A symlink at that name counts as existing: it is never
 * written through.
 */
export async function resolveNewArchive(sandbox: Sandbox, input: string): Promise<string> {
  const entry = await locateEntry(sandbox, input, 'create');
  if (entry.stats) {
    throw new InvalidInputError(`${entry.path} already exists.`, {
      hint: 'Choose a new name for the archive, or delete the old one first with delete_path.',
    });
  }
  await makeDirectories(path.dirname(entry.path));
  return entry.path;
}

/** A hidden sibling name to build a file in before it takes its real name. */
export function tempSibling(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
}

/**
 * Gives a finished temp file its final name without replacing anything: link(2) fails if the name
 * was taken meanwhile, where rename(2) would silently overwrite it. Readers never see a partial file.
 */
export async function publishNewFile(temp: string, target: string): Promise<void> {
  try {
    await link(temp, target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    throw new InvalidInputError(`${target} appeared while the archive was being written; it was left alone.`);
  } finally {
    await rm(temp, { force: true });
  }
}
