/**
 * Text written by other people on GitHub (titles, bodies, comments, file contents) reaches the
 * model, so it is the main channel for prompt injection. Two things are removed:
 * - characters a human reviewer cannot see but a model reads: zero-width and other invisible
 *   characters, bidirectional overrides that reorder what is displayed, Unicode tag characters;
 * - HTML beyond a small allow-list of formatting tags, with every attribute dropped except a
 *   link's http(s) href, and with script/style content and HTML comments removed entirely.
 */

// Security: invisible characters (ZW*, word joiner, BOM, soft hyphen, Mongolian vowel separator),
// bidi embeddings/overrides/isolates and marks, and the Unicode tag block used to smuggle text.
const INVISIBLE =
  /[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\u061c]|\udb40[\udc00-\udc7f]/g;

const ALLOWED_TAGS = new Set([
  'a',
  'b',
  'strong',
  'i',
  'em',
  'code',
  'pre',
  'p',
  'br',
  'hr',
  'ul',
  'ol',
  'li',
  'blockquote',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'details',
  'summary',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'sup',
  'sub',
  'del',
  'kbd',
]);

export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, '');
}

/** For prose (Markdown that may contain HTML): invisible characters and unsafe HTML removed. */
export function sanitize(text: string): string;
export function sanitize(text: string | null | undefined): string | null;
export function sanitize(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  return stripInvisible(text)
    .replace(/<!--[\s\S]*?(-->|$)/g, '')
    .replace(/<(script|style|iframe|object|embed|noscript|template)\b[\s\S]*?(<\/\1\s*>|$)/gi, '')
    .replace(/<\/?([a-zA-Z][\w-]*)\b([^>]*)>/g, (tag, rawName: string, attrs: string) => {
      const name = rawName.toLowerCase();
      if (!ALLOWED_TAGS.has(name)) return '';
      if (tag.startsWith('</')) return `</${name}>`;
      if (name === 'a') {
        const href = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(attrs);
        const url = (href?.[1] ?? href?.[2] ?? href?.[3] ?? '').trim();
        // Security: only http(s) links survive; javascript:, data: and the like are dropped.
        return /^https?:\/\//i.test(url) ? `<a href="${url.replace(/"/g, '%22')}">` : '<a>';
      }
      return `<${name}>`;
    });
}

/** Sanitised text, shortened when a list should stay cheap to read. */
export function text(value: string | null | undefined, max?: number): string | null {
  const clean = sanitize(value);
  if (clean === null || max === undefined || clean.length <= max) return clean;
  return `${clean.slice(0, max)}…`;
}
