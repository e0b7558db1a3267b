import { InvalidInputError } from '@refmcp/core';
import { BINARY_SAMPLE_BYTES, looksBinary } from './text.js';

/**
 * Search-and-replace edits on a text file that must leave every byte it was not asked to change
 * as it was: the BOM, the line-ending convention, and (by refusing invalid UTF-8) bytes that a
 * decode/encode round trip would otherwise replace.
 */

export interface TextDocument {
  /** The text without BOM; with `\n` line endings when the file uses CRLF throughout. */
  text: string;
  bom: boolean;
  eol: 'lf' | 'crlf' | 'mixed';
}

export interface Edit {
  oldText: string;
  newText: string;
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

export function decodeDocument(bytes: Buffer, display: string): TextDocument {
  if (looksBinary(bytes.subarray(0, BINARY_SAMPLE_BYTES))) {
    throw new InvalidInputError(`${display} looks like a binary file; edit_file only edits UTF-8 text.`);
  }
  const bom = bytes.subarray(0, 3).equals(BOM);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bom ? bytes.subarray(3) : bytes);
  } catch {
    throw new InvalidInputError(
      `${display} is not valid UTF-8; editing it would corrupt the bytes that are not. No changes were written.`,
      { hint: 'If replacing the whole file is intended, use write_file.' },
    );
  }
  const lf = count(text, '\n');
  const crlf = count(text, '\r\n');
  const eol = crlf === 0 ? 'lf' : crlf === lf ? 'crlf' : 'mixed';
  // Only a file that uses CRLF everywhere is normalized: converting back is then exact.
  return { text: eol === 'crlf' ? text.replaceAll('\r\n', '\n') : text, bom, eol };
}

export function encodeDocument(doc: TextDocument): Buffer {
  const text = doc.eol === 'crlf' ? doc.text.replaceAll('\n', '\r\n') : doc.text;
  const body = Buffer.from(text, 'utf8');
  return doc.bom ? Buffer.concat([BOM, body]) : body;
}

/** Applies edits in order, each against the result of the ones before. Throws before any change is kept. */
export function applyEdits(
  doc: TextDocument,
  edits: readonly Edit[],
  options: { replaceAll: boolean; display: string },
): { text: string; replacements: number } {
  let text = doc.text;
  let replacements = 0;
  edits.forEach((edit, index) => {
    // Edits written with either line ending match a file whose convention is uniform.
    const norm = (s: string) => (doc.eol === 'mixed' ? s : s.replaceAll('\r\n', '\n'));
    const label =
      edits.length === 1
        ? 'The edit'
        : `Edit ${index + 1} of ${edits.length}${index > 0 ? ' (after the earlier ones)' : ''}`;
    const result = applyOne(text, norm(edit.oldText), norm(edit.newText), label, options);
    text = result.text;
    replacements += result.count;
  });
  return { text, replacements };
}

function applyOne(
  text: string,
  oldText: string,
  newText: string,
  label: string,
  { replaceAll, display }: { replaceAll: boolean; display: string },
): { text: string; count: number } {
  if (oldText === '') {
    throw new InvalidInputError(`${label} has an empty oldText.`, {
      hint: 'To insert text, put a neighbouring line in oldText and repeat it in newText.',
    });
  }
  const exact = positions(text, oldText);
  if (exact.length === 1) {
    const at = exact[0]!;
    return { text: text.slice(0, at) + newText + text.slice(at + oldText.length), count: 1 };
  }
  if (exact.length > 1) {
    if (replaceAll) {
      const parts = text.split(oldText);
      return { text: parts.join(newText), count: parts.length - 1 };
    }
    throw ambiguous(label, display, text, exact);
  }
  const loose = looseMatches(text, oldText);
  if (loose.length === 1 || (replaceAll && loose.length > 1)) {
    let out = text;
    // From the last match back, so earlier offsets stay valid.
    for (const match of [...loose].reverse()) {
      const replacement = reindent(match.dropFinalNewline ? newText.replace(/\n$/, '') : newText, match);
      out = out.slice(0, match.start) + replacement + out.slice(match.end);
    }
    return { text: out, count: loose.length };
  }
  if (loose.length > 1) {
    const starts = loose.map((m) => m.start);
    throw ambiguous(`${label} (ignoring indentation)`, display, text, starts);
  }
  const near = nearestLine(text, oldText);
  throw new InvalidInputError(
    `${label}: oldText was not found in ${display}, not even ignoring indentation. No changes were written.`,
    {
      hint: near
        ? `Closest line is ${near.line}: ${JSON.stringify(near.text)}. Copy the exact current text (read_text_file offset ${near.line}) into oldText.`
        : 'Read the file with read_text_file and copy the exact current text into oldText.',
    },
  );
}

function ambiguous(label: string, display: string, text: string, at: number[]): InvalidInputError {
  // Line numbers only for the few shown: counting them for thousands of matches is quadratic.
  const shown =
    at
      .slice(0, 5)
      .map((i) => lineOf(text, i))
      .join(', ') + (at.length > 5 ? ', …' : '');
  return new InvalidInputError(
    `${label}: oldText matches ${at.length} places in ${display} (lines ${shown}). No changes were written.`,
    { hint: 'Add surrounding lines to oldText so it matches exactly one place, or set replaceAll: true.' },
  );
}

interface LooseMatch {
  start: number;
  end: number;
  /** Leading whitespace of the first non-blank line: in oldText, and in the file. */
  fromIndent: string;
  toIndent: string;
  /** oldText ended with a newline the file does not have (match at the end of the file). */
  dropFinalNewline: boolean;
}

/** Whole-line matches comparing lines with leading and trailing whitespace removed. */
function looseMatches(text: string, oldText: string): LooseMatch[] {
  const needle = oldText.split('\n');
  const wantsNewline = oldText.endsWith('\n');
  if (wantsNewline) needle.pop();
  const want = needle.map((l) => l.trim());
  const anchor = want.findIndex((l) => l !== '');
  if (anchor === -1) return [];
  const lines = text.split('\n');
  const trimmed = lines.map((l) => l.trim());
  const starts: number[] = [];
  let offset = 0;
  for (const line of lines) {
    starts.push(offset);
    offset += line.length + 1;
  }
  const matches: LooseMatch[] = [];
  for (let i = 0; i + needle.length <= lines.length; i++) {
    if (trimmed[i + anchor] !== want[anchor] || !want.every((w, j) => trimmed[i + j] === w)) continue;
    const last = i + needle.length - 1;
    const hasNewline = last < lines.length - 1;
    matches.push({
      start: starts[i]!,
      end: starts[last]! + lines[last]!.length + (wantsNewline && hasNewline ? 1 : 0),
      fromIndent: leadingSpace(needle[anchor]!),
      toIndent: leadingSpace(lines[i + anchor]!),
      dropFinalNewline: wantsNewline && !hasNewline,
    });
    i = last; // matches do not overlap
  }
  return matches;
}

/** Moves newText from oldText's indentation to the file's. */
function reindent(newText: string, { fromIndent, toIndent }: LooseMatch): string {
  if (fromIndent === toIndent) return newText;
  return newText
    .split('\n')
    .map((line) =>
      line.trim() !== '' && line.startsWith(fromIndent) ? toIndent + line.slice(fromIndent.length) : line,
    )
    .join('\n');
}

/** The line most like oldText's first non-blank line (bigram similarity), if any is close. */
function nearestLine(text: string, oldText: string): { line: number; text: string } | undefined {
  const target = oldText
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l !== '');
  if (!target) return undefined;
  const want = bigrams(target);
  let best: { line: number; text: string; score: number } | undefined;
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    // Similarity of 0.5 needs lengths within a factor of three; skip the rest without counting.
    if (line === '' || Math.min(line.length, target.length) * 3 < Math.max(line.length, target.length))
      return;
    const score = similarity(want, target.length, line);
    if (score > (best?.score ?? 0.5))
      best = { line: i + 1, text: raw.length > 200 ? `${raw.slice(0, 200)}…` : raw, score };
  });
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

/** Every start index, overlapping ones included: "aa" occurs twice in "aaa". */
function positions(text: string, needle: string): number[] {
  const out: number[] = [];
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) out.push(at);
  return out;
}

function count(text: string, needle: string): number {
  let n = 0;
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + needle.length)) n++;
  return n;
}

function lineOf(text: string, index: number): number {
  return count(text.slice(0, index), '\n') + 1;
}

const leadingSpace = (line: string) => line.slice(0, line.length - line.trimStart().length);
