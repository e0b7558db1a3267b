import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ConfigError } from '../errors.js';

/**
 * Encryption at rest for upstream tokens: AES-256-GCM with a random 96-bit nonce per value and the
 * row's identity (provider and subject) as associated data, so a sealed value copied onto another
 * row does not open. Several keys may be configured for rotation: the first (newest) seals, all
 * open. Each sealed value names its key by a short fingerprint, never by the key itself.
 */
export interface Keyring {
  seal(plain: string, context: string): string;
  open(sealed: string, context: string): string;
  /** How many keys are configured (for the startup log; never the keys). */
  readonly size: number;
}

const VERSION = 'v1';

/**
 * Keys are 32 random bytes, written base64 (or hex), separated by commas or newlines, newest
 * first: `openssl rand -base64 32`. Given inline (env) or as a file (one key per line).
 */
export function parseKeys(text: string): Buffer[] {
  const parts = text
    .split(/[\s,]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0) throw new ConfigError('the token store key is empty.');
  return parts.map((part, index) => {
    const key = /^[0-9a-f]{64}$/i.test(part) ? Buffer.from(part, 'hex') : Buffer.from(part, 'base64');
    // Security: the error names the position, never the value.
    if (key.length !== 32) {
      throw new ConfigError(
        `token store key #${index + 1} is not 32 bytes of base64 or hex (make one with: openssl rand -base64 32).`,
      );
    }
    return key;
  });
}

export function keysFrom(options: { inline?: string | undefined; file?: string | undefined }): Buffer[] {
  if (options.inline) return parseKeys(options.inline);
  if (options.file) {
    let text: string;
    try {
      text = readFileSync(options.file, 'utf8');
    } catch (error) {
      throw new ConfigError(
        `cannot read the token store key file ${options.file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}.`,
      );
    }
    return parseKeys(text);
  }
  throw new ConfigError(
    'per-user upstream tokens are stored encrypted: set UPSTREAM_TOKEN_KEY or --token-key-file (make a key with: openssl rand -base64 32).',
  );
}

export function createKeyring(keys: readonly Buffer[]): Keyring {
  if (keys.length === 0) throw new ConfigError('the token store needs at least one key.');
  const byId = new Map(keys.map((key) => [keyId(key), key]));
  const newest = keys[0] as Buffer;
  const newestId = keyId(newest);
  return {
    size: keys.length,
    seal(plain, context) {
      const nonce = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', newest, nonce);
      cipher.setAAD(Buffer.from(context));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      const parts = [nonce, body, cipher.getAuthTag()].map((b) => b.toString('base64url'));
      return [VERSION, newestId, ...parts].join('.');
    },
    open(sealed, context) {
      const [version, id, nonce, body, tag] = sealed.split('.');
      const key = id ? byId.get(id) : undefined;
      if (version !== VERSION || !key || nonce === undefined || body === undefined || tag === undefined) {
        throw new Error(
          key || version !== VERSION
            ? 'sealed token is malformed'
            : 'sealed token names a key that is not configured',
        );
      }
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'base64url'));
      decipher.setAAD(Buffer.from(context));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
        'utf8',
      );
    },
  };
}

/** A fingerprint that names a key without revealing it. */
function keyId(key: Buffer): string {
  return createHash('sha256').update('refmcp-token-key').update(key).digest('base64url').slice(0, 8);
}
