import type * as fs from 'node:fs';

/** A pattern as it crosses into the worker: raw bytes, or a regex rebuilt from source and flags. */
export type MatcherSpec =
  | { kind: 'bytes'; needle: Uint8Array }
  | { kind: 'regex'; source: string; flags: string };

export interface LineMatch {
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units of the line. */
  column: number;
  text: string;
  before?: string[];
  after?: string[];
}

export type SyncFs = Pick<typeof fs, 'openSync' | 'readSync' | 'fstatSync' | 'closeSync' | 'constants'>;

/**
 * The per-file search. Deliberately self-contained (no reference to anything outside this
 * function, only globals and its argument) because its source text is what the search worker
 * runs; see grep-worker.ts. `fs` is only needed by scanFile.
 */
export function grepKernel(fs?: SyncFs) {
  const LINE_CAP = 240; // longest line text returned: minified files have lines of megabytes
  const BINARY_PROBE = 8000; // bytes checked for NUL, as git does
  const FIRST_READ = 64 * 1024; // most files fit in one read, which then needs no fstat
  type Prepared = { needle: Buffer; regex?: undefined } | { regex: RegExp; needle?: undefined };
  type Span = LineMatch & { start: number; end: number };
  interface Source {
    length: number;
    nl(from: number): number;
    nlBack(from: number): number;
    slice(start: number, end: number): string;
  }

  const prepare = (spec: MatcherSpec): Prepared =>
    spec.kind === 'bytes'
      ? { needle: Buffer.from(spec.needle) }
      : { regex: new RegExp(spec.source, spec.flags) };

  const isBinary = (data: Buffer) => data.subarray(0, BINARY_PROBE).indexOf(0) !== -1;
  const stripCr = (s: string) => (s.endsWith('\r') ? s.slice(0, -1) : s);
  const clip = (line: string, column: number) => {
    if (line.length <= LINE_CAP) return line;
    const start = Math.max(0, Math.min(column - 1 - 60, line.length - LINE_CAP));
    return `${start > 0 ? '…' : ''}${line.slice(start, start + LINE_CAP)}…`;
  };

  const bufferSource = (data: Buffer): Source => ({
    length: data.length,
    nl: (from) => data.indexOf(10, from),
    nlBack: (from) => (from < 0 ? -1 : data.lastIndexOf(10, from)),
    slice: (start, end) => data.toString('utf8', start, end),
  });
  const stringSource = (text: string): Source => ({
    length: text.length,
    nl: (from) => text.indexOf('\n', from),
    nlBack: (from) => (from < 0 ? -1 : text.lastIndexOf('\n', from)),
    slice: (start, end) => text.slice(start, end),
  });

  /** Context never repeats a line shown for the previous match, nor a later match line. */
  const addContext = (src: Source, spans: Span[], n: number) => {
    for (let i = 0; i < spans.length; i++) {
      const m = spans[i]!;
      const prev = spans[i - 1];
      const next = spans[i + 1];
      const before: string[] = [];
      let start = m.start;
      for (let l = m.line - 1; l >= Math.max(m.line - n, prev ? prev.line + n + 1 : 1); l--) {
        const s = src.nlBack(start - 2) + 1;
        before.unshift(clip(stripCr(src.slice(s, start - 1)), 1));
        start = s;
      }
      const after: string[] = [];
      let end = m.end;
      const last = Math.min(m.line + n, next ? next.line - 1 : Number.POSITIVE_INFINITY);
      // `end + 1 < length`: a final newline ends the last line; it does not start another.
      for (let l = m.line + 1; l <= last && end + 1 < src.length; l++) {
        const e = src.nl(end + 1);
        const stop = e === -1 ? src.length : e;
        after.push(clip(stripCr(src.slice(end + 1, stop)), 1));
        end = stop;
      }
      if (before.length > 0) m.before = before;
      if (after.length > 0) m.after = after;
    }
  };

  /** One result per matching line, at its first hit; line numbers are counted only up to each hit. */
  const collect = (src: Source, hitFrom: (from: number) => number, limit: number, context: number) => {
    const spans: Span[] = [];
    let line = 1;
    let lineStart = 0;
    let hit = hitFrom(0);
    while (hit !== -1 && spans.length < limit) {
      for (let nl = src.nl(lineStart); nl !== -1 && nl < hit; nl = src.nl(lineStart)) {
        line++;
        lineStart = nl + 1;
      }
      const endNl = src.nl(hit);
      const end = endNl === -1 ? src.length : endNl;
      const column = src.slice(lineStart, hit).length + 1;
      spans.push({
        line,
        column,
        text: clip(stripCr(src.slice(lineStart, end)), column),
        start: lineStart,
        end,
      });
      if (endNl === -1) break;
      hit = hitFrom(endNl + 1);
    }
    if (context > 0) addContext(src, spans, context);
    return spans.map(({ start: _s, end: _e, ...m }): LineMatch => m);
  };

  const searchBuffer = (data: Buffer, matcher: Prepared, limit: number, context: number): LineMatch[] => {
    const { needle, regex } = matcher;
    if (needle) {
      if (data.indexOf(needle) === -1) return [];
      return collect(bufferSource(data), (from) => data.indexOf(needle, from), limit, context);
    }
    const text = data.toString('utf8');
    regex.lastIndex = 0;
    // One test over the whole file first: most files do not match and need no line bookkeeping.
    if (!regex.test(text)) return [];
    const hitFrom = (from: number) => {
      regex.lastIndex = from;
      const m = regex.exec(text);
      return m ? m.index : -1;
    };
    return collect(stringSource(text), hitFrom, limit, context);
  };

  let scratch: Buffer | undefined;
  /** Reads and searches one file; undefined when skipped (unreadable, too large or binary). */
  const scanFile = (
    file: string,
    matcher: Prepared,
    maxSize: number,
    limit: number,
    context: number,
  ): LineMatch[] | undefined => {
    if (!fs) throw new Error('scanFile needs fs');
    const { O_RDONLY, O_NOFOLLOW = 0, O_NONBLOCK = 0 } = fs.constants;
    let fd: number;
    try {
      // Security: O_NOFOLLOW, so a file swapped for a symlink after the walk listed it is not
      // followed out of the sandbox; O_NONBLOCK, so one swapped for a FIFO cannot hang the search.
      fd = fs.openSync(file, O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
    } catch {
      return undefined;
    }
    try {
      scratch ??= Buffer.allocUnsafe(FIRST_READ);
      let filled = fs.readSync(fd, scratch, 0, Math.min(FIRST_READ, maxSize + 1), 0);
      let data: Buffer;
      if (filled <= maxSize && filled < FIRST_READ) {
        data = scratch.subarray(0, filled);
      } else {
        const size = fs.fstatSync(fd).size;
        if (size > maxSize) return undefined;
        data = Buffer.allocUnsafe(size);
        scratch.copy(data, 0, 0, filled);
        while (filled < size) {
          const n = fs.readSync(fd, data, filled, size - filled, filled);
          if (n === 0) break;
          filled += n;
        }
        data = data.subarray(0, filled);
      }
      if (isBinary(data)) return undefined;
      return searchBuffer(data, matcher, limit, context);
    } catch {
      return undefined;
    } finally {
      fs.closeSync(fd);
    }
  };

  return { prepare, isBinary, searchBuffer, scanFile };
}
