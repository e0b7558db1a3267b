import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Writes files from a map of relative path to content; a path ending in '/' makes a directory. */
export async function writeTree(root: string, files: Record<string, string>): Promise<void> {
  for (const [rel, content] of Object.entries(files)) {
    const full = path.join(root, rel);
    if (rel.endsWith('/')) {
      await mkdir(full, { recursive: true });
      continue;
    }
    await mkdir(path.dirname(full), { recursive: true });
    await writeFile(full, content);
  }
}

/**
 * A bulk tree: `dirs` directories (d0..dN, nested `fanout` wide) each holding `filesPerDir` small
 * files. Returns the number of files written.
 */
export async function writeBulkTree(
  root: string,
  {
    dirs,
    filesPerDir,
    fanout = 8,
    content = (i: number) => `line one\nvalue ${i}\n`,
  }: {
    dirs: number;
    filesPerDir: number;
    fanout?: number;
    content?: (i: number) => string;
  },
): Promise<number> {
  const paths: string[] = [root];
  for (let d = 1; d < dirs; d++) {
    const parent = paths[Math.floor((d - 1) / fanout)]!;
    paths.push(path.join(parent, `d${d}`));
  }
  let written = 0;
  for (const dir of paths) {
    await mkdir(dir, { recursive: true });
    const writes: Promise<void>[] = [];
    for (let f = 0; f < filesPerDir; f++)
      writes.push(writeFile(path.join(dir, `f${f}.txt`), content(written + f)));
    await Promise.all(writes);
    written += filesPerDir;
  }
  return written;
}
