import { InvalidInputError } from '@refmcp/core';
import { type LooseMatch, lineOf, looseMatches, nearestLine, positions } from './edit-find.js';
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
  const eol = !text.includes('\r\n') ? 'lf' : everyNewlineIsCrlf(text) ? 'crlf' : 'mixed';
  // Only a file that uses CRLF everywhere is normalized: converting back is then exact.
  return { text: eol === 'crlf' ? text.replaceAll('\r\n', '\n') : text, bom, eol };
}

function everyNewlineIsCrlf(text: string): boolean {
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) {
    if (text.charCodeAt(at - 1) !== 13) return false;
  }
  return true;
}

export function encodeDocument(doc: TextDocument): Buffer {
  const text = doc.eol === 'crlf' ? doc.text.replaceAll('\n', '\r\n') : doc.text;
  const body = Buffer.from(text, 'utf8');
  return doc.bom ? Buffer.concat([BOM, body]) : body;
}

/** Places an ambiguous oldText reports, at most: counting further is work nobody reads. */
export const MAX_REPORTED_MATCHES = 1000;
/** Places one edit with replaceAll may replace; past this the edit is refused before any work. */
export const MAX_REPLACEMENTS = 100_000;

export interface EditLimits {
  replaceAll: boolean;
  display: string;
  /** Largest text (UTF-8 bytes) an edit may produce, and how to name that cap in an error. */
  maxBytes: number;
  maxBytesName: string;
}

/**
 * Applies edits in order, each against the result of the ones before. Throws before any change is
 * kept. Work and memory are bounded: matches are counted only up to a cap, and a replacement
 * whose result would pass `maxBytes` is refused from its size alone, before the text is built.
 */
export function applyEdits(
  doc: TextDocument,
  edits: readonly Edit[],
  limits: EditLimits,
): { text: string; replacements: number } {
  let text = doc.text;
  let bytes = Buffer.byteLength(text, 'utf8');
  let replacements = 0;
  edits.forEach((edit, index) => {
    // Edits written with either line ending match a file whose convention is uniform.
    const norm = (s: string) => (doc.eol === 'mixed' ? s : s.replaceAll('\r\n', '\n'));
    const label =
      edits.length === 1
        ? 'The edit'
        : `Edit ${index + 1} of ${edits.length}${index > 0 ? ' (after the earlier ones)' : ''}`;
    const result = applyOne(text, bytes, norm(edit.oldText), norm(edit.newText), label, limits);
    text = result.text;
    bytes = result.bytes;
    replacements += result.count;
  });
  return { text, replacements };
}

interface Applied {
  text: string;
  bytes: number;
  count: number;
}

function applyOne(
  text: string,
  bytes: number,
  oldText: string,
  newText: string,
  label: string,
  limits: EditLimits,
): Applied {
  const { replaceAll, display } = limits;
  if (oldText === '') {
    throw new InvalidInputError(`${label} has an empty oldText.`, {
      hint: 'To insert text, put a neighbouring line in oldText and repeat it in newText.',
    });
  }
  const exact = positions(text, oldText, replaceAll ? 2 : MAX_REPORTED_MATCHES + 1);
  if (exact.length === 1)
    return splice(text, bytes, [{ at: exact[0]!, length: oldText.length, newText }], label, limits);
  if (exact.length > 1) {
    if (!replaceAll) throw ambiguous(label, display, text, exact);
    const all = positions(text, oldText, MAX_REPLACEMENTS + 1, false);
    if (all.length > MAX_REPLACEMENTS) throw tooMany(label, display);
    return splice(
      text,
      bytes,
      all.map((at) => ({ at, length: oldText.length, newText })),
      label,
      limits,
    );
  }
  const loose = looseMatches(text, oldText, replaceAll ? MAX_REPLACEMENTS + 1 : MAX_REPORTED_MATCHES + 1);
  if (loose.length > 1 && !replaceAll) {
    const starts = loose.map((m) => m.start);
    throw ambiguous(`${label} (ignoring indentation)`, display, text, starts);
  }
  if (loose.length > MAX_REPLACEMENTS) throw tooMany(`${label} (ignoring indentation)`, display);
  if (loose.length > 0) {
    const pieces = loose.map((match) => ({
      at: match.start,
      length: match.end - match.start,
      newText: reindent(match.dropFinalNewline ? newText.replace(/\n$/, '') : newText, match),
    }));
    return splice(text, bytes, pieces, label, limits);
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

/**
 * Replaces non-overlapping pieces (in order). The result's size is worked out first, from the
 * sizes of the pieces, so a result over the cap is refused without being built: a string past
 * V8's limit would otherwise fail as "Invalid string length", and one below it could still take
 * gigabytes.
 */
function splice(
  text: string,
  bytes: number,
  pieces: ReadonlyArray<{ at: number; length: number; newText: string }>,
  label: string,
  limits: EditLimits,
): Applied {
  let size = bytes;
  const sizes = new Map<string, number>();
  const sizeOf = (s: string) => {
    let n = sizes.get(s);
    if (n === undefined) {
      n = Buffer.byteLength(s, 'utf8');
      if (sizes.size < 1000) sizes.set(s, n);
    }
    return n;
  };
  for (const piece of pieces) {
    size += sizeOf(piece.newText) - sizeOf(text.slice(piece.at, piece.at + piece.length));
  }
  if (size > limits.maxBytes) {
    throw new InvalidInputError(
      `${label}: ${limits.display} would be ${size} bytes, over the ${limits.maxBytes}-byte ${limits.maxBytesName}. No changes were written.`,
      {
        hint:
          pieces.length > 1
            ? 'Replace fewer places (drop replaceAll, or a longer oldText), or a shorter newText.'
            : 'Use a shorter newText.',
      },
    );
  }
  const parts: string[] = [];
  let from = 0;
  for (const piece of pieces) {
    parts.push(text.slice(from, piece.at), piece.newText);
    from = piece.at + piece.length;
  }
  parts.push(text.slice(from));
  return { text: parts.join(''), bytes: size, count: pieces.length };
}

function tooMany(label: string, display: string): InvalidInputError {
  return new InvalidInputError(
    `${label}: replaceAll replaces at most ${MAX_REPLACEMENTS} places, and oldText matches more than that in ${display}. No changes were written.`,
    { hint: 'Use a longer oldText that matches fewer places, or write the new content with write_file.' },
  );
}

function ambiguous(label: string, display: string, text: string, at: number[]): InvalidInputError {
  // Line numbers only for the few shown: each costs a pass over the text before it.
  const shown =
    at
      .slice(0, 5)
      .map((i) => lineOf(text, i))
      .join(', ') + (at.length > 5 ? ', …' : '');
  const count = at.length > MAX_REPORTED_MATCHES ? `more than ${MAX_REPORTED_MATCHES}` : String(at.length);
  return new InvalidInputError(
    `${label}: oldText matches ${count} places in ${display} (lines ${shown}). No changes were written.`,
    { hint: 'Add surrounding lines to oldText so it matches exactly one place, or set replaceAll: true.' },
  );
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
