import { ConfigError } from '@refmcp/core';
import { actionTools } from './tools/actions.js';
import type { GitHubTool } from './tools/common.js';
import { contextTools, userTools } from './tools/context.js';
import { gistTools } from './tools/gists.js';
import { issueTools } from './tools/issues.js';
import { labelTools } from './tools/labels.js';
import { notificationTools } from './tools/notifications.js';
import { pullReadTools } from './tools/pulls-read.js';
import { pullWriteTools } from './tools/pulls-write.js';
import { releaseTools } from './tools/releases.js';
import { repoReadTools } from './tools/repos-read.js';
import { repoWriteTools } from './tools/repos-write.js';
import { repoSearchTools } from './tools/search.js';
import { securityToolsets } from './tools/security.js';

/**
 * Tools grouped in toolsets with the names github-mcp-server uses, so host configs carry over.
 * Selection: the toolsets' tools, plus `--tools`, minus `--exclude-tools`, minus writes when
 * read-only.
 */
export const DEFAULT_TOOLSETS = ['context', 'repos', 'issues', 'pull_requests', 'users'] as const;

export const TOOLSETS: Record<string, GitHubTool[]> = {
  context: contextTools,
  repos: [...repoReadTools, ...releaseTools, ...repoSearchTools, ...repoWriteTools],
  issues: issueTools,
  pull_requests: [...pullReadTools, ...pullWriteTools],
  users: userTools,
  actions: actionTools,
  labels: labelTools,
  notifications: notificationTools,
  gists: gistTools,
  ...securityToolsets,
};

export const ALL_TOOLSETS = Object.keys(TOOLSETS);

export interface Selection {
  toolsets: readonly string[];
  tools: readonly string[];
  excludeTools: readonly string[];
  readOnly: boolean;
}

export function selectTools(selection: Selection): GitHubTool[] {
  const byName = new Map(
    Object.values(TOOLSETS)
      .flat()
      .map((t) => [t.name, t]),
  );
  const names = new Set<string>();
  for (const raw of selection.toolsets) {
    const set = raw.trim().toLowerCase();
    if (set === 'all') for (const t of byName.keys()) names.add(t);
    else if (set === 'default')
      for (const d of DEFAULT_TOOLSETS) for (const t of TOOLSETS[d] ?? []) names.add(t.name);
    else if (TOOLSETS[set]) for (const t of TOOLSETS[set]) names.add(t.name);
    else throw new ConfigError(`Unknown toolset "${raw}". Known: ${ALL_TOOLSETS.join(', ')}, all.`);
  }
  for (const name of selection.tools) {
    if (!byName.has(name)) throw new ConfigError(`Unknown tool "${name}" in --tools.`);
    names.add(name);
  }
  for (const name of selection.excludeTools) names.delete(name);
  return [...byName.values()].filter(
    (t) => names.has(t.name) && (!selection.readOnly || t.annotations.readOnlyHint),
  );
}
