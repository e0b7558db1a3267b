import { randomUUID } from 'node:crypto';

/**
 * JSON text placed in a tool's structured content as it is: a value that was already encoded
 * where it was made (a database worker's 10,000 rows) need not be decoded on the server's main
 * thread only to be encoded again, which cost about 11 ms a call for 1 MB of rows.
 *
 * Over stdio the text is written into the message unparsed (`encodeMessage`); anywhere else (the
 * HTTP transports, a test calling the handler) it encodes as its parsed value, the same JSON.
 * The text must be what `JSON.stringify` made, in this process or a worker of ours: it is trusted
 * to be valid JSON and is not checked.
 */
export class RawJson {
  constructor(readonly text: string) {}

  toJSON(): unknown {
    return splicing ? splicing.hold(this.text) : JSON.parse(this.text);
  }
}

export function rawJson(text: string): RawJson {
  return new RawJson(text);
}

/**
 * Where a RawJson stands in the encoded message until its text replaces it. The random part is
 * never sent (every marker is replaced), so no value can spell a marker and have text put in its
 * place; the leading NUL encodes as `\u0000`, which no marker's neighbours can run into.
 */
const MARKER = `\u0000raw-json:${randomUUID()}:`;

class Splice {
  readonly texts: string[] = [];

  hold(text: string): string {
    this.texts.push(text);
    return `${MARKER}${this.texts.length - 1}`;
  }

  /**
   * `json` with the markers, in the order they were handed out, replaced by their texts: the
   * pieces to write one after the other (joining them would copy a big message once more).
   */
  apply(json: string): string[] {
    if (this.texts.length === 0) return [json];
    const parts: string[] = [];
    let from = 0;
    for (let i = 0; i < this.texts.length; i++) {
      const quoted = JSON.stringify(`${MARKER}${i}`);
      const at = json.indexOf(quoted, from);
      if (at === -1) throw new Error('a raw JSON value was not found in its encoded message');
      parts.push(json.slice(from, at), this.texts[i] as string);
      from = at + quoted.length;
    }
    parts.push(json.slice(from));
    return parts;
  }
}

let splicing: Splice | undefined;

/** `JSON.stringify(message)`, each RawJson in it written as its text. */
export function encodeMessage(message: unknown): string {
  return encodeMessageParts(message).join('');
}

/** `encodeMessage` in pieces that, written in order, make the message. */
export function encodeMessageParts(message: unknown): string[] {
  const splice = new Splice();
  splicing = splice;
  let json: string;
  try {
    json = JSON.stringify(withEncodedTexts(message));
  } finally {
    splicing = undefined;
  }
  return splice.apply(json);
}

/**
 * A result's text view whose JSON was made where the text was (`encodedText`): the text must be a
 * string for the SDK, which checks and copies the result, so the text itself is the key, compared
 * with `===` (the same string object, passed along unchanged, matches at once).
 */
interface EncodedText {
  text: string;
  json: string;
}

const encodedTexts: EncodedText[] = [];

/** Shorter texts are encoded as they come: looking them up would cost more than it saves. */
const MIN_ENCODED_TEXT = 64 * 1024;

/**
 * Registers `json`, which must be exactly `JSON.stringify(text)`, for the next message over stdio
 * whose result carries `text` as a content block: it is written as it is instead of encoding the
 * text again (about 8 ms a 1 MB table on Node 24, whose JSON.stringify escapes text slowly). Kept
 * until that message is written, or the next turn of the event loop: over HTTP nothing uses it.
 */
export function encodedText(text: string, json: string): void {
  if (text.length < MIN_ENCODED_TEXT) return;
  const entry = { text, json };
  encodedTexts.push(entry);
  setImmediate(() => {
    const at = encodedTexts.indexOf(entry);
    if (at !== -1) encodedTexts.splice(at, 1);
  });
}

/** The message with each registered text in its result's content as its JSON (RawJson). */
function withEncodedTexts(message: unknown): unknown {
  if (encodedTexts.length === 0) return message;
  const result = (message as { result?: { content?: unknown } } | null)?.result;
  const content = result?.content;
  if (!Array.isArray(content)) return message;
  let swapped: unknown[] | undefined;
  for (let i = 0; i < content.length; i++) {
    const block = content[i] as { text?: unknown } | null;
    const text = block?.text;
    if (typeof text !== 'string' || text.length < MIN_ENCODED_TEXT) continue;
    const at = encodedTexts.findIndex((entry) => entry.text === text);
    if (at === -1) continue;
    swapped ??= [...content];
    swapped[i] = { ...block, text: new RawJson((encodedTexts[at] as EncodedText).json) };
    encodedTexts.splice(at, 1);
  }
  return swapped ? { ...(message as object), result: { ...result, content: swapped } } : message;
}
