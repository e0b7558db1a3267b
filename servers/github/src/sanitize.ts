import { cutText } from '@refmcp/core/upstream';
import { cleanFenceInfo } from './code-fences.js';

/**
 * Text written by other people on GitHub (titles, bodies, comments, file contents) reaches the
 * model, so it is the main channel for prompt injection. Two things are removed:
 * - characters a human reviewer cannot see but a model reads (see INVISIBLE);
 * - HTML beyond a small allow-list of formatting tags, with every attribute dropped except a
 *   link's http(s) href, and with script/style content and HTML comments removed entirely.
 * Both apply to the whole text, code fences and their info strings included. Prose also loses
 * the parts of code-fence info strings a renderer does not show (code-fences.ts).
 */

// Security: characters that show nothing but carry text a model reads, or reorder what is shown.
// - Every format character (Unicode category Cf): zero-width space, non-joiner and joiner, word
//   joiner and invisible operators, BOM, soft hyphen, bidi marks, embeddings, overrides and
//   isolates, interlinear annotation marks, the tag characters U+E0000–E007F (which spell ASCII
//   invisibly), and the few Cf characters some scripts render (Arabic number signs U+0600–0605).
// - Variation selectors U+FE00–FE0F, U+E0100–E01EF and the Mongolian ones U+180B–180F: 256 of
//   them after any character can encode arbitrary bytes. Emoji lose their presentation selector
//   (❤️ becomes ❤), which changes how they look, not what they say.
// - Invisible letters and marks: combining grapheme joiner U+034F, Hangul fillers U+115F, U+1160,
//   U+3164, U+FFA0.
// A zero-width joiner is kept only between two emoji (👩‍💻), where it joins them into one.
const INVISIBLE =
  /(?!\u200d)[\p{Cf}\u115f\u1160\u3164\uffa0]|\u034f|[\u180b-\u180f]|[\ufe00-\ufe0f]|[\u{e0100}-\u{e01ef}]/gu;
const LONE_JOINER =
  /(?<!\p{Extended_Pictographic}\p{Emoji_Modifier}?)\u200d|\u200d(?!\p{Extended_Pictographic})/gu;

/** The longest text field returned, in characters: GitHub's own limit for issue and comment bodies. */
export const MAX_TEXT_CHARS = 65_536;

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
  const joiners = text.includes('\u200d');
  const stripped = text.replace(INVISIBLE, '');
  return joiners ? stripped.replace(LONE_JOINER, '') : stripped;
}

/** For prose (Markdown that may contain HTML): invisible characters and unsafe HTML removed. */
export function sanitize(text: string): string;
export function sanitize(text: string | null | undefined): string | null;
export function sanitize(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  const prose = stripInvisible(text)
    .replace(/<!--[\s\S]*?(-->|$)/g, '')
    .replace(/<(script|style|iframe|object|embed|noscript|template)\b[\s\S]*?(<\/\1\s*>|$)/gi, '');
  // A tag ends with '>', so only the text up to the last one can hold tags. Matching beyond it
  // would scan to the end from every '<' in vain: seconds of blocked event loop for 100 KB of
  // "<a <a <a …" (quadratic), hours for a few MB.
  const end = prose.lastIndexOf('>') + 1;
  // Last: taking out a character or a tag can join a line into a fence with an info string.
  return cleanFenceInfo(prose.slice(0, end).replace(TAG, keepTag) + prose.slice(end));
}

const TAG = /<\/?([a-zA-Z][\w-]*)\b([^>]*)>/g;

function keepTag(tag: string, rawName: string, attrs: string): string {
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
}

/**
 * Sanitised text, cut to `max` characters with a marker saying how many were cut: MAX_TEXT_CHARS
 * (GitHub's own limit for a body, so only a hostile or broken upstream exceeds it) unless a list
 * asks for less to stay cheap to read.
 */
export function text(value: string | null | undefined, max = MAX_TEXT_CHARS): string | null {
  const clean = sanitize(value);
  return clean === null ? null : cutText(clean, max);
}
