import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import * as core from './index.js';

/**
 * The main entry is what every server imports to be a server; HTTP serving, OAuth and sessions sit
 * behind `@refmcp/core/http`, the test kit behind `@refmcp/core/testing`. Adding a name here is a
 * public API decision: change this list on purpose.
 */
const VALUES = [
  'CancelledError',
  'ConfigError',
  'InvalidInputError',
  'NotFoundError',
  'PermissionDeniedError',
  'TimeoutError',
  'ToolError',
  'UpstreamError',
  'asToolError',
  'commonOptions',
  'createChangeFeed',
  'createLogger',
  'createMcpApp',
  'createRedactor',
  'decodeCursor',
  'describeError',
  'destructive',
  'encodeCursor',
  'packageVersion',
  'paginate',
  'rawJson',
  'readOnly',
  'reply',
  'runCli',
  'selectTools',
  'throwIfAborted',
  'toolChoiceFrom',
  'toolChoiceOptions',
  'toolsOf',
  'writes',
];
const TYPES = [
  'AnyTool',
  'ChangeFeed',
  'CliSpec',
  'InstanceContext',
  'LogLevel',
  'Logger',
  'McpApp',
  'OptionSpecs',
  'RunContext',
  'ToolContext',
  'ToolDefinition',
];

it('exports exactly the agreed runtime names', () => {
  expect(Object.keys(core).sort()).toEqual(VALUES);
});

it('exports exactly the agreed types, and 41 names or fewer in all', async () => {
  const source = await readFile(new URL('./index.ts', import.meta.url), 'utf8');
  const names = [...source.matchAll(/export \{([^}]*)\}/g)].flatMap((m) =>
    (m[1] ?? '')
      .split(',')
      .map((n) => n.trim())
      .filter(Boolean),
  );
  const types = names.filter((n) => n.startsWith('type ')).map((n) => n.slice(5));
  expect(types.sort()).toEqual(TYPES);
  // 41 since rawJson (a result's pre-encoded part): raise it only for a name every server may need.
  expect(names.length).toBeLessThanOrEqual(41);
});
