import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLES } from '../bundles.mjs';
import { manifestProblems } from './manifest-checks.mjs';
import { nodeRange } from './stage.mjs';

/** `${user_config.<key>}`, as a manifest writes it. */
const placeholder = (key) => `\${user_config.${key}}`;
const readJson = async (file) => JSON.parse(await readFile(file, 'utf8'));
const slack = BUNDLES.find((bundle) => bundle.name === 'slack');
const sqlite = BUNDLES.find((bundle) => bundle.name === 'sqlite');

/** The Slack bundle's real manifest, package.json and server.json, changed by `change`. */
async function slackWith(change) {
  const inputs = {
    manifest: await readJson(slack.manifest),
    pkg: await readJson(path.join(slack.dir, 'package.json')),
    serverJson: await readJson(path.join(slack.dir, 'server.json')),
  };
  change(inputs);
  return manifestProblems(inputs);
}

describe('manifestProblems', () => {
  it('finds none in the Slack manifest as it is', async () => {
    expect(await slackWith(() => {})).toEqual([]);
  });

  it('refuses a version that is not the package version', async () => {
    expect(await slackWith(({ pkg }) => (pkg.version = '9.9.9'))).toEqual([
      expect.stringContaining('run node tooling/scripts/sync-server-json.mjs'),
    ]);
  });

  it('refuses a token on the command line, where process listings show it', async () => {
    const problems = await slackWith(({ manifest }) =>
      manifest.server.mcp_config.args.push(placeholder('bot_token')),
    );
    expect(problems).toContain('sensitive setting bot_token must go in env, not args');
    expect(problems).toContain('argument setting bot_token must be required');
  });

  it('refuses an optional setting without a default, which would reach the server as the placeholder', async () => {
    expect(await slackWith(({ manifest }) => delete manifest.user_config.team_id.default)).toEqual([
      'optional setting team_id needs a default',
    ]);
  });

  it('refuses a token setting that is not sensitive, and a variable the server does not read', async () => {
    const problems = await slackWith(({ manifest }) => {
      manifest.user_config.user_token.sensitive = false;
      manifest.server.mcp_config.env.SLACK_TEAM = placeholder('team_id');
    });
    expect(problems).toEqual([
      'setting user_token and env SLACK_USER_TOKEN disagree on being secret',
      'env SLACK_TEAM is not a variable the server reads (server.json)',
    ]);
  });

  it('refuses settings that are never passed on, and placeholders that name no setting', async () => {
    const problems = await slackWith(({ manifest }) => {
      manifest.user_config.unfurl = {
        type: 'boolean',
        title: 'Unfurl',
        description: 'Unfurl links.',
        default: false,
      };
      manifest.server.mcp_config.env.SLACK_CACHE_TTL = placeholder('cache_ttl');
    });
    expect(problems).toContain(`${placeholder('cache_ttl')} names no setting`);
    expect(problems).toContain('setting unfurl is never passed on');
  });
});

describe('nodeRange', () => {
  const manifest = { compatibility: { runtimes: { node: '>=20.19.0' } } };

  it('pins a native bundle to the Node major that built it', () => {
    expect(nodeRange(sqlite, manifest, '20.20.2')).toBe('>=20.19.0 <21.0.0');
    expect(nodeRange(sqlite, manifest, '24.11.0')).toBe('>=24.0.0 <25.0.0');
  });

  it('leaves a plain JavaScript bundle at its declared range', () => {
    expect(nodeRange(slack, manifest, '24.11.0')).toBe('>=20.19.0');
  });
});
