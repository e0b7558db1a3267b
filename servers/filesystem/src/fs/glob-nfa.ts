/**
 * A glob pattern compiled to a Thompson NFA: the states built from the parsed tree
 * (glob-parse.ts). glob.ts runs them; nothing here depends on the input matched.
 */

import { type GlobDialect, type Node, Parser } from './glob-parse.js';

export const SLASH = 47;

export const CHAR = 0;
export const CLASS = 1;
export const NOT_SLASH = 2;
export const ANY = 3;
export const SPLIT = 4;
export const MATCH = 5;

export interface NfaState {
  kind: typeof CHAR | typeof CLASS | typeof NOT_SLASH | typeof ANY | typeof SPLIT | typeof MATCH;
  code: number;
  /** CLASS: sorted inclusive [lo, hi] pairs; `negated` classes never match `/`. */
  ranges: number[];
  negated: boolean;
  out: number;
  out2: number;
}

/** Builds states back to front: every builder takes the state to continue with and returns its entry. */
class NfaBuilder {
  readonly states: NfaState[] = [];
  add(kind: NfaState['kind'], out = -1, out2 = -1, code = 0, ranges: number[] = [], negated = false): number {
    this.states.push({ kind, code, ranges, negated, out, out2 });
    return this.states.length - 1;
  }
}

function build(b: NfaBuilder, node: Node, next: number): number {
  switch (node.t) {
    case 'lit':
      return b.add(CHAR, next, -1, node.code);
    case 'class':
      return b.add(CLASS, next, -1, 0, node.ranges, node.negated);
    case 'any1':
      return b.add(NOT_SLASH, next);
    case 'star': {
      const loop = b.add(SPLIT, -1, next);
      b.states[loop]!.out = b.add(NOT_SLASH, loop);
      return loop;
    }
    case 'all': {
      const loop = b.add(SPLIT, -1, next);
      b.states[loop]!.out = b.add(ANY, loop);
      return loop;
    }
    case 'dirs': {
      // (ANY* '/')? — any run ending in a slash, or nothing.
      const slash = b.add(CHAR, next, -1, SLASH);
      const loop = b.add(SPLIT, -1, slash);
      b.states[loop]!.out = b.add(ANY, loop);
      return b.add(SPLIT, loop, next);
    }
    case 'below': {
      const loop = b.add(SPLIT, -1, next);
      b.states[loop]!.out = b.add(ANY, loop);
      const first = node.optional ? loop : b.add(ANY, loop);
      const slash = b.add(CHAR, first, -1, SLASH);
      return node.optional ? b.add(SPLIT, slash, next) : slash;
    }
    case 'seq': {
      let at = next;
      for (let i = node.items.length - 1; i >= 0; i--) at = build(b, node.items[i]!, at);
      return at;
    }
    case 'alt': {
      let at = -1;
      for (const option of node.options) {
        const entry = build(b, option, next);
        at = at === -1 ? entry : b.add(SPLIT, entry, at);
      }
      return at === -1 ? next : at;
    }
    case 'repeat': {
      if (!node.many) return b.add(SPLIT, build(b, node.body, next), next);
      // body+ is body then (body again | next); body* may skip straight to next.
      const loop = b.add(SPLIT, -1, next);
      const entry = build(b, node.body, loop);
      b.states[loop]!.out = entry;
      return node.min === 1 ? entry : loop;
    }
  }
}

/** The states of `body` (a pattern without its leading `!`s), and the one to start from. */
export function compileNfa(body: string, dialect: GlobDialect): { states: NfaState[]; start: number } {
  const builder = new NfaBuilder();
  const match = builder.add(MATCH);
  const start = build(builder, new Parser(body, dialect).parse(), match);
  return { states: builder.states, start };
}
