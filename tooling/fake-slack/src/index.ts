export { SlackFailure } from './context.js';
export type { FileRequest } from './files.js';
export { METHOD_SCOPES } from './methods.js';
export { type FakeSlackOAuth, type FakeSlackOAuthApp, slackOAuthOf } from './oauth.js';
export { ALL_SCOPES, BOT_TOKEN, PNG_1X1, type SeedOptions, seedWorkspace, USER_TOKEN } from './seed.js';
export { type FakeSlack, type FakeSlackOptions, startFakeSlack } from './server.js';
export {
  type FakeCall,
  type FakeChannel,
  type FakeFile,
  type FakeMessage,
  type FakeToken,
  type FakeUser,
  type FakeUsergroup,
  FakeWorkspace,
  type TokenKind,
} from './state.js';
