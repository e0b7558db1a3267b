import { setImmediate as nextTurn } from 'node:timers/promises';
import { unifiedDiff } from './diff.js';
import { countNewlines } from './edit-find.js';

/**
 * The diff edit_file returns, in work and memory bounded by the size of what changed, not the
 * size of the file. The lines before the first and after the last difference are skipped with
 * two scans; what is left is diffed exactly when it is small, or shown as one replaced block
 * (removed lines, then added lines, each cut at the output budget) when it is not. A 40 MB line
 * or a replaceAll across a whole file never becomes a 40 MB diff string. Each pass over the text
 * is followed by a turn of the event loop, so other requests are answered between passes.
 */

/** Changed region (both sides together) diffed line by line; above this it is shown as a block. */
const EXACT_MAX_CHARS = 2 * 1024 * 1024;
const EXACT_MAX_LINES = 20_000;
const CONTEXT = 3;

export async function boundedDiff(
  before: string,
  after: string,
  path: string,
  maxBytes: number,
): Promise<string> {
  if (before === after) return '';
  const prefix = commonPrefix(before, after);
  const suffix = commonSuffix(before, after, prefix);
  await nextTurn();
  // The changed lines: from the start of the line holding the first difference to the end of the
  // line holding the last one, in both texts (the same suffix follows both).
  const from = lineStartAt(before, prefix);
  let toA = before.length - suffix;
  while (
    toA < before.length &&
    !(atLineStart(before, toA) && atLineStart(after, toA - before.length + after.length))
  )
    toA++;
  const toB = toA - before.length + after.length;
  // Three lines of context on each side, as unifiedDiff would show.
  let ctxFrom = from;
  for (let i = 0; i < CONTEXT && ctxFrom > 0; i++) ctxFrom = lineStartAt(before, ctxFrom - 1);
  let ctxToA = toA;
  for (let i = 0; i < CONTEXT && ctxToA < before.length; i++) ctxToA = nextLineStart(before, ctxToA);
  const ctxToB = ctxToA - before.length + after.length;
  const firstLine = countNewlines(before, 0, ctxFrom);
  await nextTurn();
  const removed = linesIn(before, from, toA);
  await nextTurn();
  const added = linesIn(after, from, toB);
  await nextTurn();
  if (toA - from + (toB - from) <= EXACT_MAX_CHARS && removed + added <= EXACT_MAX_LINES) {
    const diff = unifiedDiff(before.slice(ctxFrom, ctxToA), after.slice(ctxFrom, ctxToB), {
      path,
      firstLine,
    });
    return capDiff(diff, maxBytes);
  }
  return blockDiff(before, after, {
    path,
    ctxFrom,
    from,
    toA,
    toB,
    ctxToA,
    firstLine,
    removed,
    added,
    maxBytes,
  });
}

/** Start of the line holding text[at]. */
function lineStartAt(text: string, at: number): number {
  return at <= 0 ? 0 : text.lastIndexOf('\n', at - 1) + 1;
}

function atLineStart(text: string, at: number): boolean {
  return at === 0 || at === text.length || text.charCodeAt(at - 1) === 10;
}

function nextLineStart(text: string, at: number): number {
  const nl = text.indexOf('\n', at);
  return nl === -1 ? text.length : nl + 1;
}

/** Compared in blocks: equal slices are one memcmp, so a 40 MB common prefix costs milliseconds. */
function commonPrefix(a: string, b: string): number {
  const max = Math.min(a.length, b.length);
  let n = 0;
  for (let block = 65_536; block >= 1; block >>= 4) {
    while (n + block <= max && a.slice(n, n + block) === b.slice(n, n + block)) n += block;
  }
  return n;
}

/** The common suffix, not reaching into the first `prefix` characters of either text. */
function commonSuffix(a: string, b: string, prefix: number): number {
  const max = Math.min(a.length, b.length) - prefix;
  let n = 0;
  for (let block = 65_536; block >= 1; block >>= 4) {
    while (
      n + block <= max &&
      a.slice(a.length - n - block, a.length - n) === b.slice(b.length - n - block, b.length - n)
    )
      n += block;
  }
  return n;
}

interface Block {
  path: string;
  ctxFrom: number;
  from: number;
  toA: number;
  toB: number;
  ctxToA: number;
  firstLine: number;
  /** Lines in the changed region of each side. */
  removed: number;
  added: number;
  maxBytes: number;
}

/** One hunk: context, every removed line, every added line, context; cut once it passes the budget. */
function blockDiff(before: string, after: string, b: Block): string {
  const shift = after.length - before.length;
  const lead = linesIn(before, b.ctxFrom, b.from);
  const trail = linesIn(before, b.toA, b.ctxToA);
  const { removed, added } = b;
  const out = new Output(b.maxBytes);
  out.push(`--- a/${b.path}\n+++ b/${b.path}\n`);
  out.push(
    `@@ ${range('-', b.firstLine, lead + removed + trail)} ${range('+', b.firstLine, lead + added + trail)} @@\n`,
  );
  // Half the budget for the removed side, so the added side is always shown too.
  out.lines(before, b.ctxFrom, b.from, ' ');
  out.lines(before, b.from, b.toA, '-', out.used + Math.floor((b.maxBytes - out.used) / 2));
  out.lines(after, b.from, b.toB, '+');
  out.lines(after, b.toB, b.ctxToA + shift, ' ');
  return out.finish(removed + added);
}

/** Lines in text[from, to), a region that starts at a line start. */
function linesIn(text: string, from: number, to: number): number {
  return to <= from ? 0 : countNewlines(text, from, to) + (text.charCodeAt(to - 1) === 10 ? 0 : 1);
}

function range(sign: string, first: number, count: number): string {
  if (count === 0) return `${sign}${first},0`;
  return count === 1 ? `${sign}${first + 1}` : `${sign}${first + 1},${count}`;
}

/** Diff text within a byte budget; lines that do not fit are counted, not rendered. */
class Output {
  readonly #parts: string[] = [];
  used = 0;
  #omitted = 0;
  constructor(readonly budget: number) {}

  push(text: string): void {
    this.#parts.push(text);
    this.used += Buffer.byteLength(text, 'utf8');
  }

  /** Renders the lines of text[from, to) with `mark`, until `stopAt` bytes of output are used. */
  lines(text: string, from: number, to: number, mark: string, stopAt = this.budget): void {
    for (let at = from; at < to; ) {
      if (this.used >= stopAt) {
        this.#omitted += linesIn(text, at, to);
        return;
      }
      const nl = text.indexOf('\n', at);
      const end = nl === -1 || nl >= to ? to : nl + 1;
      // A line longer than the room left is cut: a 40 MB line is never copied whole.
      const room = stopAt - this.used;
      const full = end - at;
      const body = text.slice(at, Math.min(end, at + room));
      const cut = full > room ? ` … [line cut: ${full - room} more characters]` : '';
      this.push(`${mark}${body.endsWith('\n') ? body.slice(0, -1) : body}${cut}\n`);
      if (end === text.length && text.charCodeAt(end - 1) !== 10) this.push('\\ No newline at end of file\n');
      at = end;
    }
  }

  finish(changedLines: number): string {
    if (this.#omitted > 0) {
      this.push(
        `[diff cut at the ${this.budget}-byte output limit; ${this.#omitted} of ${changedLines} changed lines not shown]\n`,
      );
    }
    return this.#parts.join('');
  }
}

/** Keeps a diff within the output cap, cut at a line, saying how much was left out. */
export function capDiff(diff: string, maxBytes: number): string {
  if (Buffer.byteLength(diff, 'utf8') <= maxBytes) return diff;
  const cut = diff.lastIndexOf(
    '\n',
    Buffer.from(diff, 'utf8').subarray(0, maxBytes).toString('utf8').length - 1,
  );
  const kept = diff.slice(0, cut + 1);
  const omitted = countNewlines(diff, cut + 1);
  return `${kept}[diff cut at the ${maxBytes}-byte output limit; ${omitted} more lines not shown]\n`;
}
