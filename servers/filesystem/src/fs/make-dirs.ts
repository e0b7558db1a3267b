import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * `mkdir -p`, one level at a time. Not `mkdir(dir, { recursive: true })`: on Node 22 and 24 that
 * never returns for a path under a missing folder of /proc, and keeps a thread-pool thread
 * spinning at full CPU for good; four such calls (with `/` allowed) would leave no thread for any
 * other file operation. A plain mkdir there fails at once (ENOENT).
 *
 * Like `mkdir -p`: an existing directory (or a symlink to one) is fine; a file in the way fails
 * with EEXIST for `dir` itself and ENOTDIR for a parent, as the recursive mkdir did.
 */
export async function makeDirectories(dir: string): Promise<void> {
  const missing: string[] = [];
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    const found = await stat(current).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (found) {
      if (missing.length === 0 && !found.isDirectory()) await mkdir(current); // throws EEXIST
      break;
    }
    if (path.dirname(current) === current) break;
    missing.push(current);
  }
  for (const step of missing.reverse()) {
    try {
      await mkdir(step);
    } catch (error) {
      // Made by a concurrent call in the meantime: as good as made here.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}
