import { describe, expect, it } from 'vitest';
import type { GitHubConfig } from '../config.js';
import { testConfig, useHarness } from '../test-helpers.js';
import { TOOLSET_NAMES } from '../toolsets.js';
import { catalog, toolsFor } from './index.js';

const base = {
  toolsets: ['context', 'repos', 'issues', 'pull_requests', 'users'],
  tools: [],
  excludeTools: [],
  readOnly: false,
};

/** The tools a config with `choice` offers; no request is made. */
const select = (choice: Partial<GitHubConfig>) =>
  toolsFor(testConfig('http://127.0.0.1:9', { ...base, ...choice }));

describe('toolsets', () => {
  it('are the ones the tools declare, in the order they list', () => {
    const declared = [...new Set(catalog.map((tool) => tool.toolset))];
    expect(declared).toEqual([...TOOLSET_NAMES]);
  });
});

describe('tool selection', () => {
  const h = useHarness({ toolsets: base.toolsets });

  it('offers the 46 default tools, each with annotations and an output schema', async () => {
    const { tools } = await h.client.listTools();
    expect(tools).toHaveLength(46);
    for (const t of tools) {
      expect(t.outputSchema, t.name).toBeDefined();
      expect(t.annotations?.readOnlyHint, t.name).toBeTypeOf('boolean');
    }
  });

  it('read-only drops every tool without readOnlyHint', () => {
    const tools = select({ readOnly: true });
    expect(tools.every((t) => t.annotations.readOnlyHint)).toBe(true);
    expect(tools.map((t) => t.name)).not.toContain('delete_file');
    expect(tools.map((t) => t.name)).toContain('get_file_contents');
  });

  it('--tools adds, --exclude-tools removes, unknown names fail', () => {
    const names = select({
      toolsets: ['context'],
      tools: ['list_issues'],
      excludeTools: ['get_teams'],
    }).map((t) => t.name);
    expect(names).toEqual(['get_me', 'get_team_members', 'list_issues']);
    expect(() => select({ tools: ['no_such_tool'] })).toThrow(/Unknown tool "no_such_tool"/);
    expect(() => select({ toolsets: ['nope'] })).toThrow(/Unknown toolset "nope"/);
  });

  it('--exclude-tools refuses an unknown name too: a typo must not leave a tool offered', () => {
    expect(() => select({ excludeTools: ['delete_repo'] })).toThrow(
      'Unknown tool "delete_repo" in --exclude-tools.',
    );
  });

  it('read-only wins over --tools', () => {
    const names = select({ readOnly: true, toolsets: ['default', 'gists'], tools: ['delete_repository'] });
    expect(names.map((t) => t.name)).not.toContain('delete_repository');
    expect(names.map((t) => t.name)).toContain('list_gists');
  });
});
