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
    json = JSON.stringify(message);
  } finally {
    splicing = undefined;
  }
  return splice.apply(json);
}
