import { InvalidInputError, throwIfAborted } from '@refmcp/core';
import type yauzl from 'yauzl';
import type { ArchiveCaps } from './zip-write.js';

/** An entry that will be extracted: its path split into safe components. */
export interface PlannedEntry {
  entry: yauzl.Entry;
  parts: string[];
  kind: 'file' | 'directory';
  /** Permission bits for a file (0o644 when the archive gives none). */
  mode: number;
}

export interface ExtractionPlan {
  zip: yauzl.ZipFile;
  entries: PlannedEntry[];
  /** Uncompressed bytes the archive claims for its files; what is written is counted again. */
  claimedBytes: number;
  /** Entry names not extracted: symlinks and special files. */
  skipped: string[];
}

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;

/**
 * Opens an archive and decides, from its central directory alone, what extracting it would write,
 * before a byte is written. Refuses the whole archive when it is over the caps, when any name
 * could land outside the target (absolute, `..`, a drive letter: yauzl refuses these too, and so
 * do we, so one check failing is not enough), or when an entry is encrypted or uses a compression
 * method other than stored or deflate. Symlink entries are skipped, never created: a link to
 * `/etc` extracted first would carry later entries anywhere. The caller closes `zip`.
 */
export async function planExtraction(
  zipReal: string,
  caps: ArchiveCaps,
  signal: AbortSignal,
): Promise<ExtractionPlan> {
  // Loaded on first use: the ZIP libraries are a few ms of every start that most sessions never need.
  const { default: reader } = await import('yauzl');
  const zip = await reader
    .openPromise(zipReal, {
      lazyEntries: true,
      autoClose: false,
      decodeStrings: true,
      // A size that disagrees with its header fails the entry's stream (zip bombs that lie).
      validateEntrySizes: true,
    })
    .catch((error: Error) => {
      throw new InvalidInputError(`${zipReal} is not a readable ZIP archive: ${error.message}.`);
    });
  try {
    // Security: the entry count comes from the end record, before any entry is read, so an
    // archive of millions of entries costs nothing to refuse.
    if (zip.entryCount > caps.maxEntries) {
      throw new InvalidInputError(
        `The archive has ${zip.entryCount} entries, over the ${caps.maxEntries}-entry cap (--max-archive-entries).`,
      );
    }
    const plan: ExtractionPlan = { zip, entries: [], claimedBytes: 0, skipped: [] };
    for (let entry = await nextEntry(zip); entry; entry = await nextEntry(zip)) {
      throwIfAborted(signal);
      planEntry(plan, entry);
      if (plan.claimedBytes > caps.maxBytes) {
        throw new InvalidInputError(
          `The archive expands to more than ${caps.maxBytes} bytes, the cap on one extraction (--max-archive-bytes).`,
        );
      }
    }
    return plan;
  } catch (error) {
    zip.close();
    throw error;
  }
}

function nextEntry(zip: yauzl.ZipFile): Promise<yauzl.Entry | undefined> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      zip.off('entry', onEntry).off('end', onEnd).off('error', onError);
    };
    const onEntry = (entry: yauzl.Entry) => {
      cleanup();
      resolve(entry);
    };
    const onEnd = () => {
      cleanup();
      resolve(undefined);
    };
    const onError = (error: Error) => {
      cleanup();
      reject(new InvalidInputError(`The archive is refused: ${error.message}.`));
    };
    zip.on('entry', onEntry).on('end', onEnd).on('error', onError);
    zip.readEntry();
  });
}

function planEntry(plan: ExtractionPlan, entry: yauzl.Entry): void {
  const name = entry.fileName;
  const unixMode = (entry.externalFileAttributes >>> 16) & 0xffff;
  const type = unixMode & S_IFMT;
  const isDir = name.endsWith('/') || type === S_IFDIR;
  if (!isDir && type !== 0 && type !== S_IFREG) {
    // Symlinks (S_IFLNK) and devices: never created, named in the result.
    plan.skipped.push(name);
    return;
  }
  const parts = safeParts(name);
  if (entry.isEncrypted()) {
    throw new InvalidInputError(`The archive is refused: ${name} is encrypted, which is not supported.`);
  }
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
    throw new InvalidInputError(
      `The archive is refused: ${name} uses compression method ${entry.compressionMethod}; only stored and deflate are supported.`,
    );
  }
  if (parts.length === 0) return; // "./" or "/": the target itself
  const mode = unixMode & 0o777 || 0o644;
  plan.entries.push({ entry, parts, kind: isDir ? 'directory' : 'file', mode: mode | 0o600 });
  if (!isDir) plan.claimedBytes += entry.uncompressedSize;
}

/**
 * Security (zip-slip): the path components of an entry name, or a refusal of the whole archive if
 * any could climb out of the target or name something absolute.
 */
export function safeParts(name: string): string[] {
  const refuse = (why: string) =>
    new InvalidInputError(`The archive is refused: entry ${JSON.stringify(name.slice(0, 200))} ${why}.`);
  if (name.includes('\0')) throw refuse('contains a NUL byte');
  if (name.includes('\\')) throw refuse('contains a backslash');
  if (name.startsWith('/') || /^[a-zA-Z]:/.test(name)) throw refuse('is an absolute path');
  const parts = name.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.includes('..')) throw refuse('climbs out of the target with ".."');
  return parts;
}
