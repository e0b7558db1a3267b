/**
 * Glob matching in time linear in the input, whatever the pattern: the pattern becomes a
 * Thompson NFA, run as a set of states one character at a time (never backtracking), with the
 * sets met so far cached as DFA states so that an ordinary pattern costs one table lookup per
 * character. Regex-based glob libraries (picomatch, minimatch, ignore) compile `*a*a*a*b` to a
 * backtracking regex that takes minutes on a 200-character name: a user-supplied glob must never
 * run through one.
 *
 * Two dialects share the engine. `glob` (search patterns and excludes): `*`, `?`, `[...]`, `**`
 * segments, `{a,b}` and `{1..9}` braces, `@(a|b)` `?(…)` `+(…)` `*(…)` extglobs, a leading `!`
 * negates. `gitignore`: `*`, `?`, `[...]` and `**` segments only (braces and parentheses are
 * literal), and a trailing `/**` needs something below the directory, as in git.
 */

import { ANY, CHAR, CLASS, compileNfa, MATCH, type NfaState, NOT_SLASH, SLASH, SPLIT } from './glob-nfa.js';
import { type GlobDialect, GlobSyntaxError } from './glob-parse.js';

export { type GlobDialect, GlobSyntaxError } from './glob-parse.js';

/** Longest pattern accepted: its NFA has a few states per character, and each step visits them. */
export const MAX_GLOB_LENGTH = 1024;
/** Cached DFA states per pattern; past this, steps are computed from the NFA without caching. */
const MAX_DFA_STATES = 256;

// ---- Matcher ---------------------------------------------------------------------------------

interface DfaState {
  /** The NFA states this DFA state stands for: consuming states and MATCH, sorted. */
  set: Int32Array;
  accept: boolean;
  /** Next DFA state by ASCII code: -2 not computed yet, -1 not cacheable (table full). */
  ascii: Int16Array;
  other: Map<number, number> | undefined;
}

/** A compiled glob: `test(input)` decides in one pass over `input`, never backtracking. */
export class Glob {
  readonly #states: NfaState[];
  readonly #negate: boolean;
  readonly #dfa: DfaState[] = [];
  readonly #ids = new Map<string, number>();
  /** Scratch for epsilon closures: the generation in which each state was last added. */
  readonly #mark: Int32Array;
  #generation = 0;

  constructor(pattern: string, dialect: GlobDialect = 'glob') {
    if (pattern.length > MAX_GLOB_LENGTH) {
      throw new GlobSyntaxError(`longer than ${MAX_GLOB_LENGTH} characters`);
    }
    let negate = false;
    let body = pattern;
    if (dialect === 'glob') {
      while (body.startsWith('!') && !body.startsWith('!(')) {
        negate = !negate;
        body = body.slice(1);
      }
    }
    const { states, start } = compileNfa(body, dialect);
    this.#states = states;
    this.#negate = negate;
    this.#mark = new Int32Array(this.#states.length);
    this.#intern(this.#closure([start]));
  }

  test(input: string): boolean {
    let id = 0;
    // Once a step cannot be cached (the table is full), the rest of the input runs on raw sets.
    let raw: Int32Array | undefined;
    for (let i = 0; i < input.length; i++) {
      const code = input.charCodeAt(i);
      if (raw === undefined) {
        const state = this.#dfa[id]!;
        let next = code < 128 ? state.ascii[code]! : (state.other?.get(code) ?? -2);
        if (next === -2) {
          const stepped = this.#step(state.set, code);
          next = this.#intern(stepped);
          if (code < 128) state.ascii[code] = next;
          else if (next !== -1) {
            state.other ??= new Map();
            state.other.set(code, next);
          }
          if (next === -1) raw = stepped;
        } else if (next === -1) {
          raw = this.#step(state.set, code);
        }
        if (raw === undefined) id = next;
      } else {
        raw = this.#step(raw, code);
      }
      // No state left: nothing the rest of the input holds can make it match.
      if ((raw ?? this.#dfa[id]!.set).length === 0) return this.#negate;
    }
    const accept = raw === undefined ? this.#dfa[id]!.accept : this.#accepts(raw);
    return accept !== this.#negate;
  }

  #accepts(set: Int32Array): boolean {
    for (const s of set) if (this.#states[s]!.kind === MATCH) return true;
    return false;
  }

  /** The DFA state for `set`, or -1 when the cache is full. */
  #intern(set: Int32Array): number {
    const key = set.join(',');
    const known = this.#ids.get(key);
    if (known !== undefined) return known;
    if (this.#dfa.length >= MAX_DFA_STATES) return -1;
    this.#dfa.push({
      set,
      accept: this.#accepts(set),
      ascii: new Int16Array(128).fill(-2),
      other: undefined,
    });
    this.#ids.set(key, this.#dfa.length - 1);
    return this.#dfa.length - 1;
  }

  #step(set: Int32Array, code: number): Int32Array {
    const targets: number[] = [];
    for (const s of set) {
      const st = this.#states[s]!;
      let ok = false;
      switch (st.kind) {
        case CHAR:
          ok = st.code === code;
          break;
        case NOT_SLASH:
          ok = code !== SLASH;
          break;
        case ANY:
          ok = true;
          break;
        case CLASS:
          ok = inRanges(st.ranges, code) !== st.negated && !(st.negated && code === SLASH);
          break;
      }
      if (ok) targets.push(st.out);
    }
    return this.#closure(targets);
  }

  /** Follows every epsilon (SPLIT) edge from `from`; keeps the states that consume or accept. */
  #closure(from: number[]): Int32Array {
    if (this.#generation > 2 ** 30) {
      this.#mark.fill(0);
      this.#generation = 0;
    }
    const generation = ++this.#generation;
    const out: number[] = [];
    const stack = from.slice().reverse();
    while (stack.length > 0) {
      const s = stack.pop()!;
      if (this.#mark[s] === generation) continue;
      this.#mark[s] = generation;
      const st = this.#states[s]!;
      if (st.kind === SPLIT) stack.push(st.out2, st.out);
      else out.push(s);
    }
    return Int32Array.from(out).sort();
  }
}

function inRanges(ranges: number[], code: number): boolean {
  for (let k = 0; k < ranges.length; k += 2) if (code >= ranges[k]! && code <= ranges[k + 1]!) return true;
  return false;
}

/** `text` without the `char`s it ends with; a loop, since `/x+$/` is quadratic on a long inner run. */
export function trimEnd(text: string, char: string): string {
  let end = text.length;
  while (end > 0 && text[end - 1] === char) end--;
  return text.slice(0, end);
}
