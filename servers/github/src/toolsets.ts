/**
 * Toolset names, as github-mcp-server has them so host configs carry over, in the order tools
 * list. Each tool declares its own toolset; this list names them for --help and the default, and
 * a test keeps it equal to what the tools declare.
 */
export const TOOLSET_NAMES = [
  'context',
  'repos',
  'git',
  'issues',
  'pull_requests',
  'users',
  'actions',
  'labels',
  'notifications',
  'gists',
  'code_security',
  'secret_protection',
  'dependabot',
  'discussions',
  'stargazers',
  'orgs',
  'security_advisories',
  'code_quality',
  'projects',
] as const;

export type ToolsetName = (typeof TOOLSET_NAMES)[number];

/** What `--toolsets default` (and no --toolsets at all) means. */
export const DEFAULT_TOOLSETS: readonly ToolsetName[] = [
  'context',
  'repos',
  'issues',
  'pull_requests',
  'users',
];
