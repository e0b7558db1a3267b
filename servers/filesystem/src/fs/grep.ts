import { InvalidInputError } from '@refmcp/core';
import type { MatcherSpec } from './grep-kernel.js';

const REGEX_META = /[\\^$.*+?()[\]{}|]/;
const hasCase = (s: string) => s.toLowerCase() !== s.toUpperCase();

/**
 * Validates the pattern here, on the calling side, so a bad regex is a clear input error before
 * any file is read. Plain text that needs no case folding becomes raw bytes for Buffer.indexOf,
 * which is much faster than decoding every file to search it with a regex.
 */
export function compileMatcher(pattern: string, literal: boolean, caseSensitive: boolean): MatcherSpec {
  if (pattern === '') throw new InvalidInputError('pattern is empty.');
  const plain = literal || !REGEX_META.test(pattern);
  if (plain && (caseSensitive || !hasCase(pattern)) && !pattern.includes('\n')) {
    return { kind: 'bytes', needle: Buffer.from(pattern, 'utf8') };
  }
  const source = literal ? pattern.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&') : pattern;
  // m: ^ and $ work per line, as in grep.
  const flags = caseSensitive ? 'gm' : 'gim';
  try {
    new RegExp(source, flags);
  } catch (error) {
    throw new InvalidInputError(
      `Invalid regular expression ${JSON.stringify(pattern)}: ${(error as Error).message}`,
      { hint: 'Use JavaScript regex syntax, or pass literal: true to search for the text as is.' },
    );
  }
  return { kind: 'regex', source, flags };
}
