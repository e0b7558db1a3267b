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
  /**
   * Classic token scopes, echoed in `X-OAuth-Scopes`; null for a fine-grained or GitHub App token,
   * which GitHub answers without that header (its permissions are not scopes; the fake grants all).
   */
  scopes: string[] | null;
}

export interface FakeCommit {
  sha: string;
  tree: string;
  parents: string[];
  message: string;
  author: { name: string; email: string; date: string };
  login: string | null;
}

export interface FakeReaction {
  id: number;
  user: string;
  content: string;
  created_at: string;
}

export interface FakeComment {
  id: number;
  user: string;
  body: string;
  created_at: string;
  updated_at: string;
  reactions?: FakeReaction[];
}

export interface FakeReview {
  id: number;
  user: string;
  body: string;
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'PENDING';
  commit_id: string;
  /** Null while pending: only its author can see a pending review and its comments. */
  submitted_at: string | null;
}

export type DiffSide = 'LEFT' | 'RIGHT';

/** A conversation on a line, a range of lines or a whole file of a pull request's diff. */
export interface FakeReviewThread {
  id: number;
  path: string;
  /** The last line of the range; null for a comment on the whole file. */
  line: number | null;
  start_line: number | null;
  side: DiffSide;
  start_side: DiffSide | null;
  subject_type: 'LINE' | 'FILE';
  resolved_by: string | null;
}

/** A review comment belongs to one review and one thread; the first comment opens the thread. */
export interface FakeReviewComment extends FakeComment {
  thread_id: number;
  review_id: number;
  in_reply_to: number | null;
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
  reactions?: FakeReaction[];
  sub_issues: number[];
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  /** Present when this number is a pull request. */
  pull?: FakePull;
  milestone?: number | null;
  type?: string | null;
  duplicate_of?: number;
  /** Issue field values by field id. */
  field_values?: Record<number, string | number>;
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
  review_comments: FakeReviewComment[];
  threads: FakeReviewThread[];
  /** Logins asked to review and not yet reviewed. */
  requested_reviewers?: string[];
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
  target_commitish?: string;
  assets?: FakeReleaseAsset[];
}

export interface FakeReleaseAsset {
  id: number;
  name: string;
  label: string | null;
  content_type: string;
  data: Buffer;
  uploader: string;
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
  /** Paths that are symbolic links (mode 120000; the blob is the target path) in every commit. */
  symlinks?: Set<string>;
  issues: FakeIssue[];
  labels: FakeLabel[];
  releases: FakeRelease[];
  discussions: FakeDiscussion[];
  discussion_categories: FakeDiscussionCategory[];
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
  /** Why a resolved secret scanning alert was closed. */
  resolution?: string;
}

export interface FakeDiscussionCategory {
  id: number;
  name: string;
  slug: string;
  emoji: string;
  description: string | null;
  /** Q&A categories take an answer. */
  answerable: boolean;
  created_at: string;
}

export interface FakeDiscussion {
  id: number;
  number: number;
  title: string;
  body: string;
  user: string;
  category_id: number;
  closed: boolean;
  created_at: string;
  updated_at: string;
  answer_id: number | null;
  answer_chosen_at: string | null;
  answer_chosen_by: string | null;
  comments: FakeDiscussionComment[];
}

/** Top-level comments and their replies (one level only, as on GitHub). */
export interface FakeDiscussionComment {
  id: number;
  user: string;
  body: string;
  created_at: string;
  updated_at: string;
  reply_to: number | null;
}

/** A security advisory: global (GitHub's database) when `repo` is null, else a repository's own. */
export interface FakeAdvisory {
  ghsa_id: string;
  cve_id: string | null;
  summary: string;
  description: string;
  severity: 'critical' | 'high' | 'medium' | 'low';
  type: 'reviewed' | 'unreviewed' | 'malware';
  ecosystem: string;
  package: string;
  vulnerable_version_range: string;
  patched: string | null;
  repo: string | null;
  state: 'published' | 'closed' | 'withdrawn' | 'draft' | 'triage';
  published_at: string;
  updated_at: string;
  withdrawn_at: string | null;
}

export interface FakeCodeQualityFinding {
  repo: string;
  number: number;
  state: 'open' | 'dismissed';
  rule: {
    id: string;
    title: string;
    severity: 'error' | 'warning' | 'note';
    category: 'maintainability' | 'reliability';
  };
  path: string;
  line: number;
  message: string;
  created_at: string;
}

/** An organization's issue type or issue field. */
export interface FakeIssueType {
  id: number;
  name: string;
  description: string | null;
  color: string;
}

export interface FakeIssueField {
  id: number;
  name: string;
  description: string | null;
  data_type: 'text' | 'date' | 'single_select' | 'number';
  options: Array<{ id: number; name: string }>;
}

/** A user's watch setting for a notification thread or a repository. */
export interface FakeSubscription {
  subscribed: boolean;
  ignored: boolean;
  created_at: string;
}

/** A project (v2) of a user or organization, with its fields and items. */
export interface FakeProject {
  id: number;
  number: number;
  owner: string;
  title: string;
  description: string | null;
  public: boolean;
  closed_at: string | null;
  creator: string;
  created_at: string;
  fields: FakeProjectField[];
  items: FakeProjectItem[];
  views: FakeProjectView[];
  statusUpdates: FakeProjectStatusUpdate[];
}

/** A saved view; `visible_fields` holds field ids, empty for the layout's default. */
export interface FakeProjectView {
  id: number;
  number: number;
  name: string;
  layout: 'table' | 'board' | 'roadmap';
  filter: string | null;
  visible_fields: number[];
  creator: string;
  created_at: string;
  updated_at: string;
}

export interface FakeProjectStatusUpdate {
  id: number;
  body: string | null;
  status: 'INACTIVE' | 'ON_TRACK' | 'AT_RISK' | 'OFF_TRACK' | 'COMPLETE' | null;
  start_date: string | null;
  target_date: string | null;
  creator: string;
  created_at: string;
}

export interface FakeProjectField {
  id: number;
  name: string;
  data_type: 'title' | 'text' | 'number' | 'date' | 'single_select' | 'iteration';
  options: Array<{ id: string; name: string }>;
  iteration?: {
    start_date: string;
    duration: number;
    iterations: Array<{ id: string; title: string; start_date: string; duration: number }>;
  };
}

/** An issue or pull request in a project; `values` by field id (an option id for single select). */
export interface FakeProjectItem {
  id: number;
  repo: string;
  number: number;
  content_type: 'Issue' | 'PullRequest';
  creator: string;
  created_at: string;
  updated_at: string;
  values: Record<number, string | number>;
}

export interface FakeMilestone {
  id: number;
  number: number;
  title: string;
  description: string | null;
  state: 'open' | 'closed';
  due_on: string | null;
  creator: string;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
}
