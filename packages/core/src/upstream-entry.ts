// `@refmcp/core/upstream`: what servers that call a remote API use to keep its answers bounded.
export {
  boundedFetch,
  formatBytes,
  heldResponse,
  ResponseTooLargeError,
  readCapped,
  tooLargeIn,
} from './upstream/bounded-fetch.js';
export {
  cutText,
  fitResult,
  MAX_RESULT_BYTES,
  withBoundedResult,
  wrapTools,
} from './upstream/bounded-result.js';
// Per-user upstream identity: each caller links their own upstream account (see upstream-auth/).
export { createKeyring, type Keyring, keysFrom, parseKeys } from './upstream-auth/keyring.js';
export { LinkRequiredError } from './upstream-auth/link-required.js';
export { type UpstreamAuthValues, upstreamAuthFrom, upstreamAuthOptions } from './upstream-auth/options.js';
export {
  expiryFrom,
  requestTokens,
  TokenEndpointError,
  type UpstreamAccount,
  type UpstreamProvider,
  type UpstreamTokens,
} from './upstream-auth/provider.js';
export type { LinkRecord, PendingRecord, TokenStore } from './upstream-auth/store.js';
export { openPostgresStore } from './upstream-auth/store-postgres.js';
export { openSqliteStore } from './upstream-auth/store-sqlite.js';
export {
  createUpstreamAuth,
  type UpstreamAuth,
  type UpstreamAuthOptions,
  type UpstreamCredential,
} from './upstream-auth/upstream-auth.js';
export { type IdentityOptions, unlinkTool, withUpstreamIdentity } from './upstream-auth/with-identity.js';
