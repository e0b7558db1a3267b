export { HttpError, type Reply } from './http.js';
export { type FakeOAuth, type FakeOAuthApp, oauthOf } from './oauth.js';
export { OUTSIDER_TOKEN, seedGitHub, TOKEN } from './seed.js';
export { type FakeGitHubOptions, type FakeGitHubServer, startFakeGitHub } from './server.js';
export {
  type FakeComment,
  type FakeCommit,
  type FakeDiscussion,
  type FakeDiscussionComment,
  FakeGitHub,
  type FakeGraphqlCall,
  type FakeIssue,
  type FakePull,
  type FakeRepo,
  type FakeReview,
  type FakeReviewComment,
  type FakeReviewThread,
  type FakeUser,
  gitSha,
  type Permission,
} from './state.js';
