import { createWriteStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { ZipFile } from 'yazl';

export interface TestEntry {
  name: string;
  content?: string | Buffer;
  /** Full st_mode, e.g. 0o120777 for a symlink (content is then the link's target). */
  mode?: number;
  directory?: boolean;
}

/** Writes a real ZIP archive (yazl, deflate) holding `entries`. */
export async function writeZip(file: string, entries: readonly TestEntry[]): Promise<void> {
  const zip = new ZipFile();
  for (const entry of entries) {
    if (entry.directory) zip.addEmptyDirectory(entry.name);
    else
      zip.addBuffer(Buffer.from(entry.content ?? ''), entry.name, {
        ...(entry.mode !== undefined && { mode: entry.mode }),
      });
  }
  zip.end();
  await pipeline(zip.outputStream, createWriteStream(file));
}

/**
 * Renames an entry in place, in its local header and the central directory. yazl refuses to write
 * `..` or absolute names, so a zip-slip archive is made from a legal one by swapping bytes of the
 * same length (`xx/evil.txt` -> `../evil.txt`).
 */
export async function renameEntry(file: string, from: string, to: string): Promise<void> {
  if (Buffer.byteLength(from) !== Buffer.byteLength(to)) throw new Error('names must be the same length');
  const data = await readFile(file);
  const needle = Buffer.from(from);
  let hits = 0;
  for (let at = data.indexOf(needle); at !== -1; at = data.indexOf(needle, at + 1)) {
    data.write(to, at);
    hits++;
  }
  if (hits !== 2) throw new Error(`expected the name twice, found it ${hits} times`);
  await writeFile(file, data);
}

/**
 * Makes the central directory understate an entry's uncompressed size (a lying zip bomb): the
 * deflated data still expands to its real size.
 */
export async function understateSize(file: string, name: string, claimed: number): Promise<void> {
  const data = await readFile(file);
  const signature = Buffer.from([0x50, 0x4b, 0x01, 0x02]);
  for (let at = data.indexOf(signature); at !== -1; at = data.indexOf(signature, at + 4)) {
    const nameLength = data.readUInt16LE(at + 28);
    if (data.toString('utf8', at + 46, at + 46 + nameLength) === name) {
      data.writeUInt32LE(claimed, at + 24);
      await writeFile(file, data);
      return;
    }
  }
  throw new Error(`no central directory record for ${name}`);
}

/** The names and contents of a real archive, read back with yauzl. */
export async function readZip(file: string): Promise<Map<string, Buffer>> {
  const zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false });
  const out = new Map<string, Buffer>();
  const entries: yauzl.Entry[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      entries.push(entry);
      zip.readEntry();
    });
    zip.on('end', resolve);
    zip.on('error', reject);
    zip.readEntry();
  });
  try {
    for (const entry of entries) {
      const chunks: Buffer[] = [];
      for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
      out.set(entry.fileName, Buffer.concat(chunks));
    }
  } finally {
    zip.close();
  }
  return out;
}
