import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.js';
import { createKeyring, keysFrom, parseKeys } from './keyring.js';

describe('token keyring (AES-256-GCM)', () => {
  const key = () => randomBytes(32);

  it('seals so that the value is not readable and opens it back', () => {
    const ring = createKeyring([key()]);
    const sealed = ring.seal('gho_secret_token_value', 'github\nsub:a');
    expect(sealed).not.toContain('gho_secret');
    expect(ring.open(sealed, 'github\nsub:a')).toBe('gho_secret_token_value');
    // A fresh nonce each time: equal tokens do not give equal rows.
    expect(ring.seal('gho_secret_token_value', 'github\nsub:a')).not.toBe(sealed);
  });

  it('refuses a value moved to another subject, or tampered with', () => {
    const ring = createKeyring([key()]);
    const sealed = ring.seal('token', 'github\nsub:a');
    expect(() => ring.open(sealed, 'github\nsub:b')).toThrow();
    const parts = sealed.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => ring.open(parts.join('.'), 'github\nsub:a')).toThrow();
  });

  it('rotates: the newest key seals, every configured key opens, a removed key no longer does', () => {
    const [oldKey, newKey] = [key(), key()];
    const before = createKeyring([oldKey]).seal('token', 'ctx');
    const rotated = createKeyring([newKey, oldKey]);
    expect(rotated.open(before, 'ctx')).toBe('token');
    const after = rotated.seal('token', 'ctx');
    expect(createKeyring([newKey]).open(after, 'ctx')).toBe('token');
    expect(() => createKeyring([newKey]).open(before, 'ctx')).toThrow(/not configured/);
  });

  it('reads keys from env text or a file, and names a bad one by position, never by value', () => {
    const a = key().toString('base64');
    const b = key().toString('hex');
    expect(parseKeys(`${a},${b}`)).toHaveLength(2);
    const dir = mkdtempSync(join(tmpdir(), 'refmcp-keys-'));
    try {
      writeFileSync(join(dir, 'keys'), `${a}\n${b}\n`);
      expect(keysFrom({ file: join(dir, 'keys') })).toHaveLength(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    let error: unknown;
    try {
      parseKeys(`${a},tooshortsecretvalue`);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/key #2/);
    expect((error as Error).message).not.toContain('tooshortsecretvalue');
    expect(() => keysFrom({})).toThrow(/UPSTREAM_TOKEN_KEY/);
  });
});
