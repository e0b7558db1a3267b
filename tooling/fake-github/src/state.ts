import type {
  FakeAdvisory,
  FakeCodeQualityFinding,
  FakeDiscussion,
  FakeDiscussionComment,
  FakeIssueField,
  FakeIssueType,
  FakeMilestone,
  FakeProject,
  FakePull,
  FakeRepo,
  FakeReview,
  FakeReviewComment,
  FakeReviewThread,
  FakeSubscription,
} from './types.js';
import { GitHubWorld } from './world.js';

export type {
  DiffSide,
  FakeAdvisory,
  FakeAlert,
  FakeCodeQualityFinding,
  FakeComment,
  FakeCommit,
  FakeDiscussion,
  FakeDiscussionCategory,
  FakeDiscussionComment,
  FakeGist,
  FakeIssue,
  FakeIssueField,
  FakeIssueType,
  FakeJob,
  FakeLabel,
  FakeMilestone,
  FakeNotification,
  FakeProject,
  FakeProjectField,
  FakeProjectItem,
  FakeProjectStatusUpdate,
  FakeProjectView,
  FakePull,
  FakeReaction,
  FakeRelease,
  FakeReleaseAsset,
  FakeRepo,
  FakeReview,
  FakeReviewComment,
  FakeReviewThread,
  FakeRun,
  FakeSubscription,
  FakeToken,
  FakeUser,
  FakeWorkflow,
  Permission,
} from './types.js';
export { type FakeGraphqlCall, gitSha } from './world.js';

/** The fake's world (world.ts) with its conversations: discussions and pull request reviews. */
export class FakeGitHub extends GitHubWorld {
  /** GitHub's advisory database and repositories' own advisories. */
  readonly advisories: FakeAdvisory[] = [];
  readonly codeQualityFindings: FakeCodeQualityFinding[] = [];
  /** Issue types and issue fields, per organization login (lower case). */
  readonly issueTypes = new Map<string, FakeIssueType[]>();
  readonly issueFields = new Map<string, FakeIssueField[]>();
  /** Watch settings: `login|thread id` and `login|owner/name` (lower case) → subscription. */
  readonly threadSubscriptions = new Map<string, FakeSubscription>();
  readonly repoSubscriptions = new Map<string, FakeSubscription>();
  readonly projects: FakeProject[] = [];
  /** Milestones per repository key (`owner/name`, lower case). */
  readonly milestones = new Map<string, FakeMilestone[]>();
  /** Workflow run artifacts; `logsDeleted` holds runs whose logs were deleted. */
  readonly artifacts: Array<{ id: number; run_id: number; name: string; size: number }> = [];
  readonly logsDeleted = new Set<number>();

  addDiscussion(
    repo: FakeRepo,
    fields: { title: string; body: string; user: string; category: string },
  ): FakeDiscussion {
    const category = repo.discussion_categories.find((c) => c.name === fields.category);
    if (!category) throw new Error(`No discussion category ${fields.category}`);
    const now = this.now();
    const discussion: FakeDiscussion = {
      id: this.id(),
      number: repo.discussions.length + 1,
      title: fields.title,
      body: fields.body,
      user: fields.user,
      category_id: category.id,
      closed: false,
      created_at: now,
      updated_at: now,
      answer_id: null,
      answer_chosen_at: null,
      answer_chosen_by: null,
      comments: [],
    };
    repo.discussions.push(discussion);
    return discussion;
  }

  addDiscussionComment(
    discussion: FakeDiscussion,
    user: string,
    body: string,
    replyTo: number | null = null,
  ): FakeDiscussionComment {
    const now = this.now();
    const comment = { id: this.id(), user, body, created_at: now, updated_at: now, reply_to: replyTo };
    discussion.comments.push(comment);
    discussion.updated_at = now;
    return comment;
  }

  /** `login`'s pending review of a pull request; GitHub allows one per user and pull request. */
  pendingReview(pull: FakePull, login: string): FakeReview | undefined {
    return pull.reviews.find((r) => r.state === 'PENDING' && r.user.toLowerCase() === login.toLowerCase());
  }

  /** Only its author sees a pending review, and the comments in it. */
  canSeeReview(review: FakeReview | undefined, login: string): boolean {
    return !!review && (review.state !== 'PENDING' || review.user.toLowerCase() === login.toLowerCase());
  }

  /** A new thread with its first comment, in `review`. */
  addReviewThread(
    pull: FakePull,
    review: FakeReview,
    where: Omit<FakeReviewThread, 'id' | 'resolved_by'>,
    body: string,
  ): { thread: FakeReviewThread; comment: FakeReviewComment } {
    const thread: FakeReviewThread = { id: this.id(), ...where, resolved_by: null };
    pull.threads.push(thread);
    return { thread, comment: this.addReviewReply(pull, review, thread, body, null) };
  }

  addReviewReply(
    pull: FakePull,
    review: FakeReview,
    thread: FakeReviewThread,
    body: string,
    inReplyTo: number | null,
  ): FakeReviewComment {
    const now = this.now();
    const comment: FakeReviewComment = {
      id: this.id(),
      user: review.user,
      body,
      created_at: now,
      updated_at: now,
      thread_id: thread.id,
      review_id: review.id,
      in_reply_to: inReplyTo,
    };
    pull.review_comments.push(comment);
    return comment;
  }
}
