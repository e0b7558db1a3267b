import type { Stats } from 'node:fs';
import type { ZipSource } from './zip-write.js';

export function zipSource(name: string, real: string, stats: Stats): ZipSource {
  return {
    name,
    real,
    size: stats.size,
    // Permission bits only, as a regular file: setuid and the like do not travel in an archive.
    mode: 0o100000 | (stats.mode & 0o777),
    mtime: stats.mtime,
    ino: stats.ino,
    dev: stats.dev,
  };
}
