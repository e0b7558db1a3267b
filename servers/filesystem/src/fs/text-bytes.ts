/** What the line readers share: the window they return, their limits, and byte-level helpers. */

/** Bytes read at a time when streaming a file. */
export const CHUNK = 64 * 1024;
export const NL = 0x0a;

export interface TextWindow {
  content: string;
  /** 1-based; absent for a tail of a file too large to have been read from its start. */
  startLine?: number;
  endLine?: number;
  totalLines?: number;
  truncated: boolean;
  /** The line to pass as `offset` to read what the cap left out. */
  nextOffset?: number;
  /** Says why the content stops early and how to continue; present when truncated. */
  notice?: string;
}

export interface ReadLimits {
  maxFileSize: number;
  maxBytes: number;
  signal: AbortSignal;
}

/**
 * Bytes of the file from `position`, at most `length`; fewer (or none) only at its end. A file
 * source reads into `scratch()`; an in-memory source returns a view of what it holds.
 */
export type ReadAt = (position: number, length: number, scratch: () => Buffer) => Buffer | Promise<Buffer>;

/** UTF-8 to string; a byte-order mark is dropped only where it is one: at the start of the file. */
export function decodeText(bytes: Uint8Array, atFileStart: boolean): string {
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  return atFileStart && text.startsWith('\uFEFF') ? text.slice(1) : text;
}

export function countNewlines(buf: Uint8Array): number {
  let n = 0;
  for (let at = buf.indexOf(NL); at !== -1; at = buf.indexOf(NL, at + 1)) n++;
  return n;
}

export function countLines(buf: Uint8Array): number {
  const newlines = countNewlines(buf);
  return buf.length > 0 && buf[buf.length - 1] !== NL ? newlines + 1 : newlines;
}

/** Largest end <= max that does not split a UTF-8 character. */
export function utf8Boundary(buf: Uint8Array, max: number): number {
  let end = Math.min(max, buf.length);
  while (end > 0 && end < buf.length && (buf[end]! & 0xc0) === 0x80) end--;
  return end;
}

/** Smallest start >= min that does not begin inside a UTF-8 character. */
export function utf8Start(buf: Uint8Array, min: number): number {
  let start = Math.max(0, min);
  while (start < buf.length && (buf[start]! & 0xc0) === 0x80) start++;
  return start;
}
