export { callTool, type ToolCallOutcome } from './call.js';
export { renderToolReference, replaceToolReference, TOOLS_END, TOOLS_START } from './docs.js';
export { clientOptionsFor, type TestEra } from './era.js';
export { startHttpForTest, type TestHttpServer } from './http.js';
export { type HttpBin, spawnHttpBin } from './http-bin.js';
export { connectInProcess, type InProcessOptions } from './in-process.js';
export { SERVER_SCHEMA_URL, serverJsonProblems } from './manifest.js';
export { type PackageJson, type PackedServer, packServer, strayPackageFiles } from './pack.js';
export { type SpawnedServer, type SpawnOptions, spawnStdio } from './stdio.js';
