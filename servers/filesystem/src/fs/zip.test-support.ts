import { createWriteStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { ZipFile } from 'yazl';

export interface TestEntry {
  name: string;
  content?: string | Buffer;
  /** Full st_mode, e.g. 0o120777 for a symlink (content is then the link's target). */
  mode?: number;
  directory?: boolean;
  /** Content produced as a stream (a large body never held in memory). */
  stream?: () => NodeJS.ReadableStream;
}

/** `bytes` zero bytes as a stream of 1 MiB chunks: deflate shrinks them about a thousandfold. */
export function zeros(bytes: number): NodeJS.ReadableStream {
  const chunk = Buffer.alloc(1024 * 1024);
  return Readable.from(
    (function* () {
      for (let left = bytes; left > 0; left -= chunk.length)
        yield left >= chunk.length ? chunk : chunk.subarray(0, left);
    })(),
  );
}

/** Writes a real ZIP archive (yazl, deflate) holding `entries`. */
export async function writeZip(file: string, entries: readonly TestEntry[]): Promise<void> {
  const zip = new ZipFile();
  for (const entry of entries) {
    const options = {
      ...(entry.mode !== undefined && { mode: entry.mode }),
    };
    if (entry.directory) zip.addEmptyDirectory(entry.name);
    else if (entry.stream) zip.addReadStream(entry.stream(), entry.name, options);
    else zip.addBuffer(Buffer.from(entry.content ?? ''), entry.name, options);
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

/**
 * An archive of `count` empty stored entries (e0, e1, …), written directly: yazl looks for the next
 * entry to write from the start of its list each time, which takes minutes at 100,000 entries.
 * Above 65,534 entries the count lives in the ZIP64 end records, as the format requires.
 */
export async function writeManyEmptyEntries(file: string, count: number): Promise<void> {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (let i = 0; i < count; i++) {
    const name = Buffer.from(`e${i}`);
    const local = Buffer.alloc(30 + name.length);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x21, 12); // date: 1980-01-01
    local.writeUInt16LE(name.length, 26);
    name.copy(local, 30);
    const central = Buffer.alloc(46 + name.length);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(0x031e, 4); // made by: Unix, 3.0
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE((0o100644 << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    name.copy(central, 46);
    locals.push(local);
    centrals.push(central);
    offset += local.length;
  }
  const directory = Buffer.concat(centrals);
  const zip64End = Buffer.alloc(56);
  zip64End.writeUInt32LE(0x06064b50, 0);
  zip64End.writeBigUInt64LE(44n, 4);
  zip64End.writeUInt16LE(45, 12);
  zip64End.writeUInt16LE(45, 14);
  zip64End.writeBigUInt64LE(BigInt(count), 24);
  zip64End.writeBigUInt64LE(BigInt(count), 32);
  zip64End.writeBigUInt64LE(BigInt(directory.length), 40);
  zip64End.writeBigUInt64LE(BigInt(offset), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(offset + directory.length), 8);
  locator.writeUInt32LE(1, 16);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(0xffff, 8);
  end.writeUInt16LE(0xffff, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  await writeFile(file, Buffer.concat([...locals, directory, zip64End, locator, end]));
}
