export {
  type AuthorizationServerOptions,
  startAuthorizationServer,
  type TestAuthorizationServer,
} from './authorization-server.js';
export { callTool, type ToolCallOutcome } from './call.js';
export { answerApprovals, CAN_ASK_USER } from './confirm.js';
export {
  annotationCells,
  renderToolReference,
  replaceToolReference,
  TOOLS_END,
  TOOLS_START,
} from './docs.js';
export { clientOptionsFor, type TestEra } from './era.js';
export { type ConnectHttpOptions, connectHttp, startHttpForTest, type TestHttpServer } from './http.js';
export { type HttpBin, spawnHttpBin } from './http-bin.js';
export { connectInProcess, type InProcessOptions } from './in-process.js';
export { SERVER_SCHEMA_URL, serverJsonProblems } from './manifest.js';
export { jwtClaims, MemoryOAuthClient } from './oauth-client.js';
export { type PackageJson, type PackedServer, packServer, strayPackageFiles } from './pack.js';
export { describePackage, type PackageTestOptions } from './package-tests.js';
export { freePort } from './port.js';
export { postJsonRpc } from './post.js';
export { startPostgres, type TestPostgres } from './postgres.js';
export { MAIN_THREAD_CPU_BUDGET_MS, type Pressure, underPressure } from './pressure.js';
export { childrenOf } from './proc.js';
export { type BinRun, callEveryTool, runBin } from './run-bin.js';
export { runContextFor } from './run-context.js';
export { type SpawnedServer, type SpawnOptions, spawnStdio } from './stdio.js';
export { itMatchesToolSnapshots, toolSnapshotProblems } from './toolsnaps.js';
export { waitUntil } from './wait.js';
