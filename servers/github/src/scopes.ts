/**
 * The classic token scopes each tool needs, in one place. A classic personal access token (or an
 * OAuth app token) reports its scopes in `X-OAuth-Scopes`; at start-up the server reads them once
 * (token-scopes.ts) and hides the tools the token cannot use. Fine-grained tokens and GitHub App
 * tokens have per-repository permissions instead and report no scopes: nothing is hidden for them.
 *
 * Each entry lists the scopes that are each enough on their own, the one to ask for first; an empty
 * list means any token will do. Reading repositories, issues, pull requests and the like needs no
 * scope, because a token without one reads public repositories (private ones answer 404, and the
 * error then names `repo`). Writing needs `public_repo` for public repositories, `repo` for all.
 * A test keeps this list equal to the tools of every toolset.
 */
const NONE: readonly string[] = [];
const REPO_WRITE = ['repo', 'public_repo'] as const;
const SECURITY = ['security_events', 'public_repo'] as const;
const NOTIFICATIONS = ['notifications', 'repo'] as const;

export const TOOL_SCOPES: Readonly<Record<string, readonly string[]>> = {
  // context
  get_me: NONE,
  get_teams: ['read:org'],
  get_team_members: ['read:org'],
  // repos
  get_file_contents: NONE,
  list_commits: NONE,
  get_commit: NONE,
  list_branches: NONE,
  get_repository_tree: NONE,
  list_tags: NONE,
  list_releases: NONE,
  get_latest_release: NONE,
  search_code: NONE,
  search_repositories: NONE,
  search_commits: NONE,
  get_tag: NONE,
  get_release_by_tag: NONE,
  list_repository_collaborators: ['repo'],
  release_write: REPO_WRITE,
  upload_release_asset: REPO_WRITE,
  create_branch: REPO_WRITE,
  create_or_update_file: REPO_WRITE,
  push_files: REPO_WRITE,
  delete_file: REPO_WRITE,
  create_repository: REPO_WRITE,
  fork_repository: REPO_WRITE,
  delete_repository: ['delete_repo'],
  // issues
  issue_read: NONE,
  list_issues: NONE,
  search_issues: NONE,
  issue_write: REPO_WRITE,
  add_issue_comment: REPO_WRITE,
  sub_issue_write: REPO_WRITE,
  list_milestones: NONE,
  milestone_write: REPO_WRITE,
  // issue types and fields are set per organisation
  list_issue_types: ['read:org'],
  list_issue_fields: ['read:org'],
  // pull_requests
  pull_request_read: NONE,
  list_pull_requests: NONE,
  search_pull_requests: NONE,
  create_pull_request: REPO_WRITE,
  update_pull_request: REPO_WRITE,
  merge_pull_request: REPO_WRITE,
  pull_request_review_write: REPO_WRITE,
  add_comment_to_pending_review: REPO_WRITE,
  add_reply_to_pull_request_comment: REPO_WRITE,
  update_pull_request_branch: REPO_WRITE,
  // users
  search_users: NONE,
  // actions: re-running and cancelling need `repo` even in public repositories.
  actions_list: NONE,
  actions_get: NONE,
  get_job_logs: NONE,
  actions_run_trigger: ['repo'],
  // labels
  get_label: NONE,
  list_label: NONE,
  label_write: REPO_WRITE,
  // notifications
  list_notifications: NOTIFICATIONS,
  dismiss_notification: NOTIFICATIONS,
  mark_all_notifications_read: NOTIFICATIONS,
  get_notification_details: NOTIFICATIONS,
  manage_notification_subscription: NOTIFICATIONS,
  manage_repository_notification_subscription: NOTIFICATIONS,
  // gists: reading needs no scope, writing needs `gist`.
  list_gists: NONE,
  get_gist: NONE,
  create_gist: ['gist'],
  update_gist: ['gist'],
  // code_security, secret_protection, dependabot
  list_code_scanning_alerts: SECURITY,
  get_code_scanning_alert: SECURITY,
  list_secret_scanning_alerts: SECURITY,
  get_secret_scanning_alert: SECURITY,
  list_dependabot_alerts: SECURITY,
  get_dependabot_alert: SECURITY,
  // discussions
  list_discussions: NONE,
  get_discussion: NONE,
  get_discussion_comments: NONE,
  list_discussion_categories: NONE,
  discussion_comment_write: REPO_WRITE,
  // stargazers: starring needs a repository scope, listing needs none.
  list_starred_repositories: NONE,
  star_repository: REPO_WRITE,
  unstar_repository: REPO_WRITE,
  // orgs
  search_orgs: NONE,
  // security_advisories: the global database is public; a repository's drafts need a scope.
  list_global_security_advisories: NONE,
  get_global_security_advisory: NONE,
  list_repository_security_advisories: ['repo', 'repository_advisories:read'],
  list_org_repository_security_advisories: ['repo', 'repository_advisories:read'],
  // code_quality
  get_code_quality_finding: SECURITY,
  // projects (v2)
  projects_list: ['read:project', 'project'],
  projects_get: ['read:project', 'project'],
  projects_write: ['project'],
};

/** Scopes that include others, as GitHub documents them: a token with `repo` has `public_repo`. */
const INCLUDES: Readonly<Record<string, readonly string[]>> = {
  repo: ['public_repo', 'repo:status', 'repo_deployment', 'repo:invite', 'security_events'],
  'admin:org': ['write:org', 'read:org', 'manage_runners:org'],
  'write:org': ['read:org'],
  'admin:public_key': ['write:public_key', 'read:public_key'],
  'write:public_key': ['read:public_key'],
  'admin:repo_hook': ['write:repo_hook', 'read:repo_hook'],
  'write:repo_hook': ['read:repo_hook'],
  'admin:gpg_key': ['write:gpg_key', 'read:gpg_key'],
  'write:gpg_key': ['read:gpg_key'],
  user: ['read:user', 'user:email', 'user:follow'],
  project: ['read:project'],
  repository_advisories: ['repository_advisories:read'],
  'write:discussion': ['read:discussion'],
  'write:packages': ['read:packages'],
  'admin:enterprise': ['manage_runners:enterprise', 'manage_billing:enterprise', 'read:enterprise'],
};

/** Every scope a token has, the ones its scopes include counted too. */
export function grantedScopes(scopes: readonly string[]): Set<string> {
  const granted = new Set<string>();
  const add = (scope: string) => {
    if (granted.has(scope)) return;
    granted.add(scope);
    for (const inner of INCLUDES[scope] ?? []) add(inner);
  };
  for (const scope of scopes) add(scope.trim());
  return granted;
}

/**
 * Why a token with `scopes` cannot use `tool`, or undefined when it can (or when the tool needs no
 * scope). Names the scopes to ask for.
 */
export function missingScopeFor(tool: string, scopes: readonly string[]): string | undefined {
  const accepted = TOOL_SCOPES[tool] ?? NONE;
  if (accepted.length === 0) return undefined;
  const granted = grantedScopes(scopes);
  if (accepted.some((scope) => granted.has(scope))) return undefined;
  return `the token lacks the ${accepted.join(' or ')} scope (it has: ${scopes.join(', ') || 'none'})`;
}
