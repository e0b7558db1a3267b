/**
 * A third-party client against each server: the MCP Inspector CLI calls one real tool over stdio
 * and over HTTP, in both protocol eras, and the tool's actual output is checked.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { npxEnv, run } from './lib.mjs';

// Pinned like the suites, so a new release cannot turn CI red on its own.
const INSPECTOR = '@modelcontextprotocol/inspector@2.12.0';
const ERAS = ['legacy', 'modern'];

/**
 * The Inspector reads servers from a config file. Roots go there too: a client that declares
 * roots narrows a filesystem sandbox to them, so it must name the fixture folder.
 */
async function writeConfig(file, spec, fixture, url) {
  const roots = fixture.roots?.map((dir) => ({ uri: pathToFileURL(dir).href, name: path.basename(dir) }));
  const extra = roots ? { roots } : {};
  const config = {
    mcpServers: {
      stdio: { command: process.execPath, args: [spec.bin, ...fixture.args], env: fixture.env, ...extra },
      http: { type: 'http', url, ...extra },
    },
  };
  await writeFile(file, JSON.stringify(config, null, 2));
}

/**
 * Fetches the Inspector (and Node 22) into the npx cache once, before calls run two at a time:
 * two npx processes filling the same empty cache entry at once can trip over each other.
 */
export async function fetchInspector() {
  const { code, stderr } = await run(
    'npx',
    ['-y', '-p', 'node@22', '-p', INSPECTOR, '--', 'mcp-inspector', '--version'],
    {
      env: npxEnv(),
    },
  );
  if (code !== 0) throw new Error(`could not fetch ${INSPECTOR}:\n${stderr}`);
}

/** An Inspector call starts Node 22 and the client in a few seconds; far longer means a stall. */
const SLOW_MS = 20_000;

async function callOnce(configFile, transport, era, smoke) {
  const started = performance.now();
  const outcome = await callInspector(configFile, transport, era, smoke);
  return { problem: outcome, ms: performance.now() - started };
}

async function callInspector(configFile, transport, era, smoke) {
  const { code, stdout, stderr } = await run(
    'npx',
    [
      '-y',
      '-p',
      'node@22',
      '-p',
      INSPECTOR,
      '--',
      'mcp-inspector',
      '--cli',
      '--config',
      configFile,
      '--server',
      transport,
      '--protocol-era',
      era,
      '--format',
      'json',
      '--quiet',
      '--method',
      'tools/call',
      '--tool-name',
      smoke.tool,
      '--tool-args-json',
      JSON.stringify(smoke.args),
    ],
    { env: npxEnv(), timeoutMs: 120_000 },
  );
  let parsed;
  try {
    parsed = JSON.parse(stdout);
  } catch {
    return `exit ${code}, no JSON on stdout: ${(stdout + stderr).trim().slice(0, 500)}`;
  }
  const problem = smoke.check(parsed.result);
  if (problem) return problem;
  return code === 0 ? undefined : `exit ${code}: ${stderr.trim().slice(0, 500)}`;
}

/**
 * Returns one line per failed call (empty when all four calls returned the expected output), and
 * warnings for calls that passed but stalled, which a user would feel as a hang.
 */
export async function smokeTest(spec, fixture, url, workDir) {
  const configFile = path.join(workDir, 'inspector.json');
  await writeConfig(configFile, spec, fixture, url);
  const problems = [];
  const warnings = [];
  // Two at a time: the machine has two cores and each call starts Node 22 plus a server.
  for (const transport of ['stdio', 'http']) {
    const outcomes = await Promise.all(
      ERAS.map((era) => callOnce(configFile, transport, era, fixture.smoke)),
    );
    outcomes.forEach(({ problem, ms }, i) => {
      const call = `inspector ${transport} ${ERAS[i]} ${fixture.smoke.tool}`;
      if (problem) problems.push(`${call}: ${problem}`);
      else if (ms > SLOW_MS) warnings.push(`${call}: passed, but took ${(ms / 1000).toFixed(0)} s`);
    });
  }
  return { problems, warnings };
}
