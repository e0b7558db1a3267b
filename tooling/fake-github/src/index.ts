export { HttpError, type Reply } from './http.js';
export { OUTSIDER_TOKEN, seedGitHub, TOKEN } from './seed.js';
export { type FakeGitHubOptions, type FakeGitHubServer, startFakeGitHub } from './server.js';
export {
  type FakeComment,
  type FakeCommit,
  FakeGitHub,
  type FakeIssue,
  type FakePull,
  type FakeRepo,
  type FakeUser,
  gitSha,
  type Permission,
} from './state.js';
