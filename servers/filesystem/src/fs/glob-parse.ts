/**
 * A glob pattern parsed into a tree of nodes (both dialects, see glob.ts); glob-nfa.ts turns the
 * tree into NFA states.
 */

export type GlobDialect = 'glob' | 'gitignore';

export class GlobSyntaxError extends Error {}

/** Most alternatives one `{a..b}` range may expand to. */
const MAX_RANGE_ITEMS = 1000;

export type Node =
  | { t: 'lit'; code: number }
  | { t: 'class'; ranges: number[]; negated: boolean }
  | { t: 'any1' }
  | { t: 'star' }
  /** `**` as a whole pattern: anything, `/` included. */
  | { t: 'all' }
  /** `**\/`: zero or more whole segments, each with its `/`. */
  | { t: 'dirs' }
  /** `/**` at the end: `/` and anything below (`min` 0 also matches nothing at all). */
  | { t: 'below'; optional: boolean }
  | { t: 'seq'; items: Node[] }
  | { t: 'alt'; options: Node[] }
  | { t: 'repeat'; body: Node; min: 0 | 1; many: boolean };

const POSIX_CLASSES: Record<string, number[]> = {
  alnum: [48, 57, 65, 90, 97, 122],
  alpha: [65, 90, 97, 122],
  ascii: [0, 127],
  blank: [9, 9, 32, 32],
  cntrl: [0, 31, 127, 127],
  digit: [48, 57],
  graph: [33, 126],
  lower: [97, 122],
  print: [32, 126],
  punct: [33, 47, 58, 64, 91, 96, 123, 126],
  space: [9, 13, 32, 32],
  upper: [65, 90],
  word: [48, 57, 65, 90, 95, 95, 97, 122],
  xdigit: [48, 57, 65, 70, 97, 102],
};

export class Parser {
  private i = 0;
  constructor(
    private readonly src: string,
    private readonly dialect: GlobDialect,
  ) {}

  parse(): Node {
    const node = this.sequence('');
    if (this.i < this.src.length) throw new GlobSyntaxError(`unexpected ${this.src[this.i]}`);
    return node;
  }

  /** Items up to (not including) one of `stops` at this nesting level, or the end. */
  private sequence(stops: string): Node {
    const items: Node[] = [];
    const src = this.src;
    const atEnd = (j: number) => j >= src.length || stops.includes(src[j]!);
    const segmentStart = (j: number) =>
      j === 0 || src[j - 1] === '/' || (stops !== '' && '{,(|'.includes(src[j - 1]!));
    while (!atEnd(this.i)) {
      const c = src[this.i]!;
      if (c === '\\' && this.i + 1 < src.length) {
        items.push({ t: 'lit', code: src.charCodeAt(this.i + 1) });
        this.i += 2;
      } else if (c === '/' && src.startsWith('**', this.i + 1) && atEnd(this.i + 3) && this.i > 0) {
        // `a/**`: the directory itself (glob) or only what lies below it (gitignore).
        items.push({ t: 'below', optional: this.dialect === 'glob' });
        this.i += 3;
      } else if (c === '*') {
        let run = 0;
        while (src[this.i + run] === '*') run++;
        const start = this.i;
        this.i += run;
        if (run >= 2 && segmentStart(start) && (atEnd(this.i) || src[this.i] === '/')) {
          if (atEnd(this.i)) items.push({ t: 'all' });
          else {
            items.push({ t: 'dirs' });
            this.i++;
          }
        } else if (this.dialect === 'glob' && run === 1 && src[this.i] === '(') {
          this.i = start;
          items.push(this.extglob());
        } else {
          items.push({ t: 'star' });
        }
      } else if (c === '?' && !(this.dialect === 'glob' && src[this.i + 1] === '(')) {
        items.push({ t: 'any1' });
        this.i++;
      } else if (c === '[') {
        items.push(this.bracket());
      } else if (this.dialect === 'glob' && '?+@!'.includes(c) && src[this.i + 1] === '(') {
        items.push(this.extglob());
      } else if (this.dialect === 'glob' && c === '{') {
        items.push(this.brace());
      } else {
        items.push({ t: 'lit', code: src.charCodeAt(this.i) });
        this.i++;
      }
    }
    return items.length === 1 ? items[0]! : { t: 'seq', items };
  }

  /** `[abc]`, `[!a-z]`, `[^…]`, `[[:digit:]]`; an unclosed `[` is a literal. */
  private bracket(): Node {
    const src = this.src;
    let j = this.i + 1;
    let negated = false;
    if (src[j] === '!' || src[j] === '^') {
      negated = true;
      j++;
    }
    const ranges: number[] = [];
    let first = true;
    while (j < src.length && (src[j] !== ']' || first)) {
      first = false;
      if (src.startsWith('[:', j)) {
        const end = src.indexOf(':]', j + 2);
        const named = end === -1 ? undefined : POSIX_CLASSES[src.slice(j + 2, end)];
        if (named) {
          ranges.push(...named);
          j = end + 2;
          continue;
        }
      }
      let lo = src.charCodeAt(j);
      if (src[j] === '\\' && j + 1 < src.length) lo = src.charCodeAt(++j);
      j++;
      let hi = lo;
      if (src[j] === '-' && j + 1 < src.length && src[j + 1] !== ']') {
        j++;
        hi = src.charCodeAt(j);
        if (src[j] === '\\' && j + 1 < src.length) hi = src.charCodeAt(++j);
        j++;
      }
      if (lo <= hi) ranges.push(lo, hi);
    }
    if (j >= src.length) {
      this.i++;
      return { t: 'lit', code: 91 };
    }
    this.i = j + 1;
    return { t: 'class', ranges, negated };
  }

  /** `{a,b}` alternatives (nested), `{1..20}` / `{a..e}` ranges; `{a}` and an unclosed `{` are literal. */
  private brace(): Node {
    const start = this.i;
    const close = this.matching(start, '{', '}');
    if (close !== -1) {
      const range = /^\{(-?\d+|[a-zA-Z])\.\.(-?\d+|[a-zA-Z])\}$/.exec(this.src.slice(start, close + 1));
      if (range) {
        this.i = close + 1;
        return expandRange(range[1]!, range[2]!);
      }
      this.i = start + 1;
      const options = [this.sequence(',}')];
      while (this.src[this.i] === ',') {
        this.i++;
        options.push(this.sequence(',}'));
      }
      if (options.length > 1 && this.src[this.i] === '}') {
        this.i++;
        return { t: 'alt', options };
      }
    }
    this.i = start + 1;
    return { t: 'lit', code: 123 };
  }

  /** `@(a|b)`, `?(…)`, `+(…)`, `*(…)`; `!(…)` has no linear-time equivalent and is refused. */
  private extglob(): Node {
    const kind = this.src[this.i]!;
    const close = this.matching(this.i + 1, '(', ')');
    if (close === -1) {
      this.i++;
      return { t: 'lit', code: kind.charCodeAt(0) };
    }
    if (kind === '!') throw new GlobSyntaxError('!(…) is not supported');
    this.i += 2;
    const options = [this.sequence('|)')];
    while (this.src[this.i] === '|') {
      this.i++;
      options.push(this.sequence('|)'));
    }
    this.i++; // ')'
    const body: Node = options.length === 1 ? options[0]! : { t: 'alt', options };
    if (kind === '@') return body;
    return { t: 'repeat', body, min: kind === '+' ? 1 : 0, many: kind !== '?' };
  }

  /** Index of the bracket closing the one at `open`, skipping escapes and nested pairs; -1 if none. */
  private matching(open: number, left: string, right: string): number {
    let depth = 0;
    for (let j = open; j < this.src.length; j++) {
      const c = this.src[j];
      if (c === '\\') j++;
      else if (c === left) depth++;
      else if (c === right && --depth === 0) return j;
    }
    return -1;
  }
}

function expandRange(from: string, to: string): Node {
  const numeric = /\d/.test(from);
  if (numeric !== /\d/.test(to)) throw new GlobSyntaxError(`mixed range {${from}..${to}}`);
  const a = numeric ? Number(from) : from.charCodeAt(0);
  const b = numeric ? Number(to) : to.charCodeAt(0);
  if (Math.abs(b - a) + 1 > MAX_RANGE_ITEMS) {
    throw new GlobSyntaxError(`range {${from}..${to}} has more than ${MAX_RANGE_ITEMS} items`);
  }
  const step = a <= b ? 1 : -1;
  const options: Node[] = [];
  for (let n = a; n !== b + step; n += step) {
    const text = numeric ? String(n) : String.fromCharCode(n);
    const items: Node[] = [...text].map((ch) => ({ t: 'lit', code: ch.charCodeAt(0) }));
    options.push(items.length === 1 ? items[0]! : { t: 'seq', items });
  }
  return { t: 'alt', options };
}
