/**
 * Finding oldText in a file's text, exactly or line by line ignoring indentation, in bounded work
 * and memory: every search stops after `limit` matches, and the line-wise searches walk the text
 * without splitting it into arrays of lines (a 40 MB file of short lines would be millions of
 * strings).
 */

/** Start indices of `needle`, at most `limit` of them. Overlapping ones count: "aa" is twice in "aaa". */
export function positions(text: string, needle: string, limit: number, overlapping = true): number[] {
  const out: number[] = [];
  const step = overlapping ? 1 : needle.length;
  for (let at = text.indexOf(needle); at !== -1 && out.length < limit; at = text.indexOf(needle, at + step)) {
    out.push(at);
  }
  return out;
}

/** `\n` characters in text[from, to). indexOf skips long lines natively; a charCodeAt loop is no faster on short ones. */
export function countNewlines(text: string, from = 0, to = text.length): number {
  let n = 0;
  for (let at = text.indexOf('\n', from); at !== -1 && at < to; at = text.indexOf('\n', at + 1)) n++;
  return n;
}

export function lineOf(text: string, index: number): number {
  return countNewlines(text, 0, index) + 1;
}

export interface LooseMatch {
  start: number;
  end: number;
  /** Leading whitespace of the first non-blank line: in oldText, and in the file. */
  fromIndent: string;
  toIndent: string;
  /** oldText ended with a newline the file does not have (match at the end of the file). */
  dropFinalNewline: boolean;
}

const leadingSpace = (line: string) => line.slice(0, line.length - line.trimStart().length);

/**
 * Whole-line matches comparing lines with leading and trailing whitespace removed, not
 * overlapping, at most `limit`. Lines are the pieces between `\n`s, as `split('\n')` gives them.
 */
export function looseMatches(text: string, oldText: string, limit: number): LooseMatch[] {
  const needle = oldText.split('\n');
  const wantsNewline = oldText.endsWith('\n');
  if (wantsNewline) needle.pop();
  const want = needle.map((l) => l.trim());
  const anchor = want.findIndex((l) => l !== '');
  if (anchor === -1) return [];
  const n = needle.length;
  // Starts of the last n + 1 lines seen, by line number modulo n + 1; the newest one may be the
  // end of the text (one past the last line).
  const ring = new Array<number>(n + 1);
  const startOf = (line: number) => ring[line % (n + 1)]!;
  const endOf = (line: number) => startOf(line + 1) - 1;
  const lineText = (line: number) => text.slice(startOf(line), endOf(line));
  const matches: LooseMatch[] = [];
  let nextFree = 0; // first line a match may start at (matches do not overlap)
  let line = 0;
  let start = 0;
  for (;;) {
    ring[line % (n + 1)] = start;
    // Lines line-n .. line-1 are complete: is there a match starting at line - n?
    const first = line - n;
    if (first >= nextFree && lineText(first + anchor).trim() === want[anchor]) {
      let all = true;
      for (let j = 0; j < n && all; j++) all = j === anchor || lineText(first + j).trim() === want[j];
      if (all) {
        const last = first + n - 1;
        // Only the text's final line ends at its end; every other one ends at a newline.
        const hasNewline = endOf(last) < text.length;
        matches.push({
          start: startOf(first),
          end: endOf(last) + (wantsNewline && hasNewline ? 1 : 0),
          fromIndent: leadingSpace(needle[anchor]!),
          toIndent: leadingSpace(lineText(first + anchor)),
          dropFinalNewline: wantsNewline && !hasNewline,
        });
        if (matches.length >= limit) return matches;
        nextFree = first + n;
      }
    }
    if (start > text.length) return matches;
    const nl = text.indexOf('\n', start);
    start = nl === -1 ? text.length + 1 : nl + 1;
    line++;
  }
}

/** Characters of candidate lines compared with oldText, at most: the hint is a courtesy. */
const NEAREST_BUDGET = 4 * 1024 * 1024;

/** The line most like oldText's first non-blank line (bigram similarity), if any is close. */
export function nearestLine(text: string, oldText: string): { line: number; text: string } | undefined {
  const target = oldText
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l !== '');
  if (!target) return undefined;
  const want = bigrams(target);
  let best: { line: number; text: string; score: number } | undefined;
  let budget = NEAREST_BUDGET;
  let lineNo = 0;
  for (let start = 0; start <= text.length && budget > 0; ) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    lineNo++;
    // Similarity of 0.5 needs lengths within a factor of three: a line too short is skipped unread.
    if ((end - start) * 3 >= target.length) {
      const raw = text.slice(start, end);
      const line = raw.trim();
      budget -= raw.length;
      if (line !== '' && Math.min(line.length, target.length) * 3 >= Math.max(line.length, target.length)) {
        const score = similarity(want, target.length, line);
        if (score > (best?.score ?? 0.5))
          best = { line: lineNo, text: raw.length > 200 ? `${raw.slice(0, 200)}…` : raw, score };
      }
    }
    start = end + 1;
  }
  return best && { line: best.line, text: best.text };
}

function bigrams(s: string): Map<string, number> {
  const map = new Map<string, number>();
  for (let i = 0; i < s.length - 1; i++) {
    const pair = s.slice(i, i + 2);
    map.set(pair, (map.get(pair) ?? 0) + 1);
  }
  return map;
}

function similarity(want: Map<string, number>, wantLength: number, other: string): number {
  if (wantLength < 2 || other.length < 2) return 0;
  const left = new Map(want);
  let common = 0;
  for (let i = 0; i < other.length - 1; i++) {
    const pair = other.slice(i, i + 2);
    const n = left.get(pair) ?? 0;
    if (n > 0) {
      common++;
      left.set(pair, n - 1);
    }
  }
  return (2 * common) / (wantLength - 1 + other.length - 1);
}
