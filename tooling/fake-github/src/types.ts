/** The shapes of the fake's world. */

export type Permission = 'admin' | 'write' | 'read';

export interface FakeUser {
  id: number;
  login: string;
  name: string | null;
  type: 'User' | 'Organization';
  email: string | null;
  bio: string | null;
}

export interface FakeToken {
  login: string;
  /** Classic token scopes, echoed in `X-OAuth-Scopes`. */
  scopes: string[];
}

export interface FakeCommit {
  sha: string;
  tree: string;
  parents: string[];
  message: string;
  author: { name: string; email: string; date: string };
  login: string | null;
}

export interface FakeComment {
  id: number;
  user: string;
  body: string;
  created_at: string;
  updated_at: string;
}

export interface FakeReview {
  id: number;
  user: string;
  body: string;
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'PENDING';
  commit_id: string;
  submitted_at: string;
}

export interface FakeIssue {
  id: number;
  number: number;
  title: string;
  body: string | null;
  user: string;
  state: 'open' | 'closed';
  state_reason: string | null;
  labels: string[];
  assignees: string[];
  comments: FakeComment[];
  sub_issues: number[];
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  /** Present when this number is a pull request. */
  pull?: FakePull;
}

export interface FakePull {
  head: string;
  base: string;
  draft: boolean;
  merged: boolean;
  merged_at: string | null;
  merged_by: string | null;
  merge_commit_sha: string | null;
  reviews: FakeReview[];
  review_comments: Array<FakeComment & { path: string; line: number }>;
}

export interface FakeRelease {
  id: number;
  tag_name: string;
  name: string;
  body: string;
  draft: boolean;
  prerelease: boolean;
  author: string;
  created_at: string;
}

export interface FakeLabel {
  id: number;
  name: string;
  color: string;
  description: string | null;
}

export interface FakeRepo {
  id: number;
  owner: string;
  name: string;
  description: string | null;
  private: boolean;
  fork: boolean;
  default_branch: string;
  created_at: string;
  updated_at: string;
  /** Collaborators and their permission; the owner is always admin. */
  collaborators: Map<string, Permission>;
  branches: Map<string, string>;
  tags: Map<string, string>;
  issues: FakeIssue[];
  labels: FakeLabel[];
  releases: FakeRelease[];
  stars: number;
  language: string | null;
}

export interface FakeNotification {
  id: string;
  /** The recipient's login. */
  login: string;
  repo: string;
  title: string;
  type: 'Issue' | 'PullRequest';
  number: number;
  reason: string;
  unread: boolean;
  done: boolean;
  updated_at: string;
  last_read_at: string | null;
}

export interface FakeGist {
  id: string;
  owner: string;
  description: string | null;
  public: boolean;
  files: Record<string, string>;
  created_at: string;
  updated_at: string;
}

export interface FakeWorkflow {
  id: number;
  repo: string;
  name: string;
  path: string;
}

export interface FakeRun {
  id: number;
  repo: string;
  workflow_id: number;
  run_number: number;
  head_branch: string;
  head_sha: string;
  event: string;
  status: 'queued' | 'in_progress' | 'completed';
  conclusion: 'success' | 'failure' | 'cancelled' | null;
  created_at: string;
}

export interface FakeJob {
  id: number;
  run_id: number;
  name: string;
  conclusion: 'success' | 'failure' | null;
  log: string;
}

export interface FakeAlert {
  kind: 'code' | 'secret' | 'dependabot';
  repo: string;
  number: number;
  state: 'open' | 'dismissed' | 'fixed' | 'resolved';
  severity: 'low' | 'medium' | 'high' | 'critical';
  /** Rule id, secret type or package name. */
  subject: string;
  summary: string;
  path: string;
  created_at: string;
}
