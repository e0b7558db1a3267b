/**
 * Line-based diff and unified-diff rendering.
 *
 * The edit script comes from Myers' O(ND) algorithm after trimming the common prefix and suffix,
 * which makes the usual case (a few edits in a large file) cheap. Myers keeps one frontier per
 * edit distance for backtracking, so its memory grows with D²; past MAX_MYERS_D the segment is
 * split at lines that occur exactly once on both sides (patience anchors) and each gap is diffed
 * on its own. A segment with no anchors is reported as a block replacement: still a correct diff,
 * just not a minimal one.
 */

/** One step of an edit script: keep a line of both, delete a line of `a`, insert a line of `b`. */
export const EQUAL = 0;
export const DELETE = 1;
export const INSERT = 2;
export type Step = typeof EQUAL | typeof DELETE | typeof INSERT;

const MAX_MYERS_D = 1000;

/** Splits text into lines that keep their `\n`, so a missing final newline is a real difference. */
export function splitLines(text: string): string[] {
  const lines: string[] = [];
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    if (nl === -1) break;
    lines.push(text.slice(start, nl + 1));
    start = nl + 1;
  }
  if (start < text.length) lines.push(text.slice(start));
  return lines;
}

/** The edit script turning `a` into `b`. */
export function diffSequences(a: readonly string[], b: readonly string[]): Step[] {
  // Interning makes every later comparison an integer compare.
  const ids = new Map<string, number>();
  const intern = (line: string) => {
    let id = ids.get(line);
    if (id === undefined) {
      id = ids.size;
      ids.set(line, id);
    }
    return id;
  };
  const out: Step[] = [];
  diffRange(Int32Array.from(a, intern), Int32Array.from(b, intern), out);
  return out;
}

function diffRange(a: Int32Array, b: Int32Array, out: Step[]): void {
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < a.length - prefix &&
    suffix < b.length - prefix &&
    a[a.length - 1 - suffix] === b[b.length - 1 - suffix]
  ) {
    suffix++;
  }
  for (let i = 0; i < prefix; i++) out.push(EQUAL);
  const midA = a.subarray(prefix, a.length - suffix);
  const midB = b.subarray(prefix, b.length - suffix);
  if (midA.length === 0 || midB.length === 0) {
    for (let i = 0; i < midA.length; i++) out.push(DELETE);
    for (let i = 0; i < midB.length; i++) out.push(INSERT);
  } else {
    const script = myers(midA, midB) ?? patience(midA, midB);
    for (const step of script) out.push(step);
  }
  for (let i = 0; i < suffix; i++) out.push(EQUAL);
}

/** Shortest edit script, or undefined when it needs more than MAX_MYERS_D edits. */
function myers(a: Int32Array, b: Int32Array): Step[] | undefined {
  const n = a.length;
  const m = b.length;
  const maxD = Math.min(n + m, MAX_MYERS_D);
  const offset = maxD + 1;
  // v[offset + k] is the furthest x reached on diagonal k (k = x - y).
  const v = new Int32Array(2 * maxD + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= maxD; d++) {
    // Keep the frontier before step d: backtracking from step d reads diagonals -d-1..d+1 of it.
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!)
          ? v[offset + k + 1]!
          : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, n, m);
    }
  }
  return undefined;
}

function backtrack(trace: Int32Array[], n: number, m: number): Step[] {
  const steps: Step[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const frontier = trace[d]!;
    const at = (k: number) => frontier[k + d + 1]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      steps.push(EQUAL);
      x--;
      y--;
    }
    if (d > 0) steps.push(x === prevX ? INSERT : DELETE);
    x = prevX;
    y = prevY;
  }
  return steps.reverse();
}

/** Splits at lines unique to both sides (in increasing order on both) and diffs the gaps. */
function patience(a: Int32Array, b: Int32Array): Step[] {
  const counts = new Map<number, { a: number; b: number; atA: number; atB: number }>();
  a.forEach((id, i) => {
    const c = counts.get(id) ?? { a: 0, b: 0, atA: i, atB: -1 };
    c.a++;
    counts.set(id, c);
  });
  b.forEach((id, j) => {
    const c = counts.get(id);
    if (!c) return;
    c.b++;
    c.atB = j;
  });
  const pairs: Array<[number, number]> = [];
  for (const c of counts.values()) if (c.a === 1 && c.b === 1) pairs.push([c.atA, c.atB]);
  pairs.sort((p, q) => p[0] - q[0]);
  const anchors = longestIncreasing(pairs);

  const out: Step[] = [];
  if (anchors.length === 0) {
    for (let i = 0; i < a.length; i++) out.push(DELETE);
    for (let i = 0; i < b.length; i++) out.push(INSERT);
    return out;
  }
  let i = 0;
  let j = 0;
  for (const [ai, bj] of anchors) {
    diffRange(a.subarray(i, ai), b.subarray(j, bj), out);
    out.push(EQUAL);
    i = ai + 1;
    j = bj + 1;
  }
  diffRange(a.subarray(i), b.subarray(j), out);
  return out;
}

/** The longest subsequence of pairs (sorted by first) whose second members increase. */
function longestIncreasing(pairs: Array<[number, number]>): Array<[number, number]> {
  const tails: number[] = [];
  const prev = new Int32Array(pairs.length).fill(-1);
  pairs.forEach(([, bj], idx) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pairs[tails[mid]!]![1] < bj) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[idx] = tails[lo - 1]!;
    tails[lo] = idx;
  });
  const result: Array<[number, number]> = [];
  for (let idx = tails.at(-1) ?? -1; idx !== -1; idx = prev[idx]!) result.push(pairs[idx]!);
  return result.reverse();
}

export interface UnifiedDiffOptions {
  /** Shown as `--- a/<path>` and `+++ b/<path>`. */
  path: string;
  context?: number;
  /** Lines of the file before the texts given (the same on both sides): hunk headers count from there. */
  firstLine?: number;
}

/** A unified diff of two texts; the empty string when they are equal. */
export function unifiedDiff(before: string, after: string, options: UnifiedDiffOptions): string {
  if (before === after) return '';
  const context = options.context ?? 3;
  const shift = options.firstLine ?? 0;
  const a = splitLines(before);
  const b = splitLines(after);
  const steps = diffSequences(a, b);
  // Line positions before each step, so a hunk's header is two lookups.
  const posA = new Int32Array(steps.length + 1);
  const posB = new Int32Array(steps.length + 1);
  steps.forEach((step, s) => {
    posA[s + 1] = posA[s]! + (step === INSERT ? 0 : 1);
    posB[s + 1] = posB[s]! + (step === DELETE ? 0 : 1);
  });

  const out = [`--- a/${options.path}`, `+++ b/${options.path}`];
  let s = 0;
  while (s < steps.length) {
    if (steps[s] === EQUAL) {
      s++;
      continue;
    }
    const start = Math.max(0, s - context);
    let end = s;
    for (;;) {
      while (end < steps.length && steps[end] !== EQUAL) end++;
      let run = end;
      while (run < steps.length && steps[run] === EQUAL) run++;
      // Changes separated by at most two contexts' worth of equal lines share a hunk.
      if (run < steps.length && run - end <= 2 * context) {
        end = run;
        continue;
      }
      end = Math.min(run, end + context);
      break;
    }
    out.push(
      `@@ -${range(shift + posA[start]!, posA[end]! - posA[start]!)} +${range(shift + posB[start]!, posB[end]! - posB[start]!)} @@`,
    );
    for (let t = start; t < end; t++) {
      const step = steps[t]!;
      const line = step === INSERT ? b[posB[t]!]! : a[posA[t]!]!;
      const mark = step === EQUAL ? ' ' : step === DELETE ? '-' : '+';
      if (line.endsWith('\n')) out.push(mark + line.slice(0, -1));
      else out.push(mark + line, '\\ No newline at end of file');
    }
    s = end;
  }
  return `${out.join('\n')}\n`;
}

/** `start,count` as in GNU diff: 1-based; a count of 1 is implied; an empty range names the line before. */
function range(zeroBasedStart: number, count: number): string {
  if (count === 0) return `${zeroBasedStart},0`;
  if (count === 1) return `${zeroBasedStart + 1}`;
  return `${zeroBasedStart + 1},${count}`;
}
