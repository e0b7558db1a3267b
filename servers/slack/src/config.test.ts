import { fileURLToPath } from 'node:url';
import { ConfigError } from '@refmcp/core';
import { runContextFor } from '@refmcp/core/testing';
import { describe, expect, it } from 'vitest';
import { cliSpec, loadConfig, normalizeApiUrl } from './config.js';

function load(env: Record<string, string>, argv: string[] = []) {
  return loadConfig(runContextFor(cliSpec, argv, env));
}

describe('configuration', () => {
  it('needs a token, and tells bot from user tokens by prefix', () => {
    expect(() => load({})).toThrow(ConfigError);
    expect(load({ SLACK_BOT_TOKEN: 'xoxb-1-2-abc' })).toMatchObject({ tokenKind: 'bot', allowWrite: false });
    expect(load({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_USER_TOKEN: 'xoxp-2' })).toMatchObject({
      token: 'xoxp-2',
      tokenKind: 'user',
    });
  });

  it('reads proxies from either case, and refuses an unreadable or empty CA file', () => {
    expect(
      load({ SLACK_BOT_TOKEN: 'xoxb-1', https_proxy: 'http://proxy:3128', NO_PROXY: 'localhost' }).proxy,
    ).toEqual({ httpsProxy: 'http://proxy:3128', noProxy: 'localhost' });
    expect(() => load({ SLACK_BOT_TOKEN: 'xoxb-1' }, ['--ca-file', '/nonexistent/ca.pem'])).toThrow(
      '--ca-file (SLACK_CA_FILE) cannot be read: ENOENT.',
    );
    expect(() => load({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_CA_FILE: fileURLToPath(import.meta.url) })).toThrow(
      /has no PEM certificate in it/,
    );
    expect(() => load({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_MAX_FILE_BYTES: String(2 * 1024 * 1024) })).toThrow(
      ConfigError,
    );
  });

  it('refuses a token of the wrong kind without echoing it', () => {
    try {
      load({ SLACK_BOT_TOKEN: 'xoxp-secret-value-123' });
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).toBe('SLACK_BOT_TOKEN must start with xoxb-.');
    }
  });

  it('reads write switches and channel lists from flags or the environment', () => {
    const config = load(
      { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_DENY_CHANNELS: '#general, C0123', SLACK_UNFURL: 'true' },
      ['--allow-write', '--write-channels', '#bots'],
    );
    expect(config).toMatchObject({
      allowWrite: true,
      allowMarkRead: false,
      unfurl: true,
      writeChannels: ['#bots'],
      denyChannels: ['#general', 'C0123'],
      readChannels: [],
    });
  });

  it('normalizes SLACK_API_URL to end with /api/', () => {
    expect(normalizeApiUrl('http://127.0.0.1:8080/api')).toBe('http://127.0.0.1:8080/api/');
    expect(normalizeApiUrl('https://proxy.example/slack/api/')).toBe('https://proxy.example/slack/api/');
    expect(() => normalizeApiUrl('https://slack.com/')).toThrow('must end with /api/');
    expect(() => normalizeApiUrl('slack')).toThrow(ConfigError);
  });

  it('sends the token over plain http only to this machine', () => {
    expect(normalizeApiUrl('http://localhost:3000/api/')).toBe('http://localhost:3000/api/');
    expect(() => normalizeApiUrl('http://proxy.internal/api/')).toThrow('must use https');
  });
});
