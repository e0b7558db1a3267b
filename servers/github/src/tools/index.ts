import { type AnyTool, selectTools } from '@refmcp/core';
import type { GitHubConfig } from '../config.js';
import type { GitHubDeps } from '../deps.js';
import { missingScopeFor } from '../scopes.js';
import { DEFAULT_TOOLSETS } from '../toolsets.js';
import actionsGet from './actions_get.js';
import actionsList from './actions_list.js';
import actionsRunTrigger from './actions_run_trigger.js';
import addCommentToPendingReview from './add_comment_to_pending_review.js';
import addIssueComment from './add_issue_comment.js';
import addReplyToPullRequestComment from './add_reply_to_pull_request_comment.js';
import createBranch from './create_branch.js';
import createGist from './create_gist.js';
import createOrUpdateFile from './create_or_update_file.js';
import createPullRequest from './create_pull_request.js';
import createRepository from './create_repository.js';
import deleteFile from './delete_file.js';
import deleteRepository from './delete_repository.js';
import discussionCommentWrite from './discussion_comment_write.js';
import dismissNotification from './dismiss_notification.js';
import forkRepository from './fork_repository.js';
import getCodeQualityFinding from './get_code_quality_finding.js';
import getCodeScanningAlert from './get_code_scanning_alert.js';
import getCommit from './get_commit.js';
import getDependabotAlert from './get_dependabot_alert.js';
import getDiscussion from './get_discussion.js';
import getDiscussionComments from './get_discussion_comments.js';
import getFileContents from './get_file_contents.js';
import getGist from './get_gist.js';
import getGlobalSecurityAdvisory from './get_global_security_advisory.js';
import getJobLogs from './get_job_logs.js';
import getLabel from './get_label.js';
import getLatestRelease from './get_latest_release.js';
import getMe from './get_me.js';
import getNotificationDetails from './get_notification_details.js';
import getReleaseByTag from './get_release_by_tag.js';
import getRepositoryTree from './get_repository_tree.js';
import getSecretScanningAlert from './get_secret_scanning_alert.js';
import getTag from './get_tag.js';
import getTeamMembers from './get_team_members.js';
import getTeams from './get_teams.js';
import issueRead from './issue_read.js';
import issueWrite from './issue_write.js';
import labelWrite from './label_write.js';
import listBranches from './list_branches.js';
import listCodeScanningAlerts from './list_code_scanning_alerts.js';
import listCommits from './list_commits.js';
import listDependabotAlerts from './list_dependabot_alerts.js';
import listDiscussionCategories from './list_discussion_categories.js';
import listDiscussions from './list_discussions.js';
import listGists from './list_gists.js';
import listGlobalSecurityAdvisories from './list_global_security_advisories.js';
import listIssueFields from './list_issue_fields.js';
import listIssueTypes from './list_issue_types.js';
import listIssues from './list_issues.js';
import listLabel from './list_label.js';
import listMilestones from './list_milestones.js';
import listNotifications from './list_notifications.js';
import listOrgRepositorySecurityAdvisories from './list_org_repository_security_advisories.js';
import listPullRequests from './list_pull_requests.js';
import listReleases from './list_releases.js';
import listRepositoryCollaborators from './list_repository_collaborators.js';
import listRepositorySecurityAdvisories from './list_repository_security_advisories.js';
import listSecretScanningAlerts from './list_secret_scanning_alerts.js';
import listStarredRepositories from './list_starred_repositories.js';
import listTags from './list_tags.js';
import manageNotificationSubscription from './manage_notification_subscription.js';
import manageRepositoryNotificationSubscription from './manage_repository_notification_subscription.js';
import markAllNotificationsRead from './mark_all_notifications_read.js';
import mergePullRequest from './merge_pull_request.js';
import milestoneWrite from './milestone_write.js';
import projectsGet from './projects_get.js';
import projectsList from './projects_list.js';
import projectsWrite from './projects_write.js';
import pullRequestRead from './pull_request_read.js';
import pullRequestReviewWrite from './pull_request_review_write.js';
import pushFiles from './push_files.js';
import releaseWrite from './release_write.js';
import searchCode from './search_code.js';
import searchCommits from './search_commits.js';
import searchIssues from './search_issues.js';
import searchOrgs from './search_orgs.js';
import searchPullRequests from './search_pull_requests.js';
import searchRepositories from './search_repositories.js';
import searchUsers from './search_users.js';
import starRepository from './star_repository.js';
import subIssueWrite from './sub_issue_write.js';
import unstarRepository from './unstar_repository.js';
import updateGist from './update_gist.js';
import updatePullRequest from './update_pull_request.js';
import updatePullRequestBranch from './update_pull_request_branch.js';
import uploadReleaseAsset from './upload_release_asset.js';

/** Every tool of the server, in the order clients list them (toolset by toolset). */
export const catalog: AnyTool<GitHubDeps>[] = [
  getMe,
  getTeams,
  getTeamMembers,
  getFileContents,
  listCommits,
  getCommit,
  listBranches,
  listTags,
  getTag,
  listReleases,
  getLatestRelease,
  getReleaseByTag,
  releaseWrite,
  uploadReleaseAsset,
  searchCode,
  searchRepositories,
  searchCommits,
  listRepositoryCollaborators,
  createBranch,
  createOrUpdateFile,
  pushFiles,
  deleteFile,
  createRepository,
  forkRepository,
  deleteRepository,
  getRepositoryTree,
  issueRead,
  listIssues,
  searchIssues,
  issueWrite,
  addIssueComment,
  subIssueWrite,
  listIssueTypes,
  listIssueFields,
  listMilestones,
  milestoneWrite,
  pullRequestRead,
  listPullRequests,
  searchPullRequests,
  createPullRequest,
  updatePullRequest,
  mergePullRequest,
  pullRequestReviewWrite,
  addCommentToPendingReview,
  addReplyToPullRequestComment,
  updatePullRequestBranch,
  searchUsers,
  actionsList,
  actionsGet,
  getJobLogs,
  actionsRunTrigger,
  getLabel,
  listLabel,
  labelWrite,
  listNotifications,
  getNotificationDetails,
  dismissNotification,
  markAllNotificationsRead,
  manageNotificationSubscription,
  manageRepositoryNotificationSubscription,
  listGists,
  getGist,
  createGist,
  updateGist,
  listCodeScanningAlerts,
  getCodeScanningAlert,
  listSecretScanningAlerts,
  getSecretScanningAlert,
  listDependabotAlerts,
  getDependabotAlert,
  listDiscussions,
  getDiscussion,
  getDiscussionComments,
  listDiscussionCategories,
  discussionCommentWrite,
  listStarredRepositories,
  starRepository,
  unstarRepository,
  searchOrgs,
  listGlobalSecurityAdvisories,
  getGlobalSecurityAdvisory,
  listRepositorySecurityAdvisories,
  listOrgRepositorySecurityAdvisories,
  getCodeQualityFinding,
  projectsList,
  projectsGet,
  projectsWrite,
];

/**
 * The tools a configuration offers: the chosen toolsets' tools, plus --tools, minus
 * --exclude-tools, minus those a classic token's scopes do not allow. Security: in read-only mode the 'write' switch is off, so no tool that changes
 * anything is offered, whatever --tools names.
 */
export function toolsFor(config: GitHubConfig): ReturnType<typeof selectTools<AnyTool<GitHubDeps>>> {
  const offer = selectTools(catalog, {
    gates: {
      write: config.readOnly
        ? 'the server runs in read-only mode (--read-only or GITHUB_READ_ONLY); restart it without that to allow writes'
        : true,
    },
    tools: config.tools,
    excludeTools: config.excludeTools,
    toolsets: { chosen: config.toolsets, defaults: DEFAULT_TOOLSETS },
  });
  const scopes = config.tokenScopes;
  if (!scopes) return offer;
  // A classic token's scopes are known: its unusable tools are hidden, and a client that calls
  // one anyway is told which scope is missing.
  const unavailable = new Map(offer.unavailable);
  const usable = offer.filter((tool) => {
    const missing = missingScopeFor(tool.name, scopes);
    if (missing) unavailable.set(tool.name, missing);
    return !missing;
  });
  return Object.assign(usable, { unavailable });
}
