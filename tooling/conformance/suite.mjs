/**
 * Runs one official conformance suite against one server and judges the results against that
 * server's expected-failures file. The suite's own baseline check decides its exit code; this file
 * repeats the judgement from the saved checks so the summary can count scenarios, and adds two rules
 * the suite cannot know: the generic scenarios must run and may not be excused as a whole.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { npxEnv, run } from './lib.mjs';

const EXPECTED_DIR = fileURLToPath(new URL('./expected/', import.meta.url));

export const SUITES = [
  {
    era: 'legacy',
    package: '@modelcontextprotocol/conformance@0.1.16',
    args: [],
    // Scenarios any server passes on its own, without the suite's fixture tools, resources and prompts.
    generic: [
      'server-initialize',
      'ping',
      'logging-set-level',
      'tools-list',
      'resources-list',
      'prompts-list',
      'dns-rebinding-protection',
      'server-sse-multiple-streams',
    ],
  },
  {
    era: 'modern',
    package: '@modelcontextprotocol/conformance@0.2.0-alpha.12',
    args: ['--requirements', '2026-07-28'],
    generic: [
      'server-stateless',
      'tools-list',
      'resources-list',
      'prompts-list',
      'sep-2164-resource-not-found',
      'dns-rebinding-protection',
      'caching',
      'http-header-validation',
      'server-sse-multiple-streams',
      'input-required-result-unsupported-methods',
      'input-required-result-validate-input',
    ],
  },
];

const npx = (suite, args) =>
  run('npx', ['-y', '-p', 'node@22', '-p', suite.package, '--', 'conformance', ...args], { env: npxEnv() });

/**
 * The scenarios a suite scores. With `--requirements` that is the revision's frozen list (the suite
 * also runs pending and extension scenarios, reported but not scored); without it, everything run.
 */
export async function scoredScenarios(suite) {
  const at = suite.args.indexOf('--requirements');
  if (at === -1) return undefined;
  const listed = await npx(suite, ['list', '--server', '--requirements', suite.args[at + 1]]);
  if (listed.code !== 0) throw new Error(`conformance list failed:\n${listed.stderr}`);
  const section = listed.stdout.split(/Server scenarios[^\n]*\n/)[1]?.split(/\n\s*\n/)[0] ?? '';
  const names = [...section.matchAll(/^\s+- (\S+)/gm)].map((m) => m[1]);
  if (names.length === 0) throw new Error(`no server scenarios in:\n${listed.stdout}`);
  return new Set(names);
}

/**
 * Reads an expected-failures file: `server:` then one `- scenario` or `- scenario:check-id` per line,
 * each with a `# reason` comment on the same line (the suites read the same file).
 */
export async function readExpected(file) {
  const text = await readFile(file, 'utf8');
  const entries = [];
  for (const [i, line] of text.split('\n').entries()) {
    const match = /^\s+-\s+([^\s#]+)\s*(?:#\s*(.*))?$/.exec(line);
    if (!match) continue;
    if (!match[2]?.trim()) throw new Error(`${file}:${i + 1}: ${match[1]} needs a "# reason" comment`);
    const [scenario, check] = match[1].split(':');
    entries.push({ scenario, check, reason: match[2].trim() });
  }
  return entries;
}

/** Every scenario's checks from the suite's output folder (`server-<scenario>-<timestamp>/checks.json`). */
async function readResults(outDir) {
  const results = new Map();
  for (const dir of await readdir(outDir)) {
    const scenario = /^server-(.+)-\d{4}-\d\d-\d\dT[\d-]+Z$/.exec(dir)?.[1];
    if (!scenario) continue;
    results.set(scenario, JSON.parse(await readFile(path.join(outDir, dir, 'checks.json'), 'utf8')));
  }
  return results;
}

/** Failing, as the suites' baseline check counts it: a failure or a warning. */
const failing = (check) => check.status === 'FAILURE' || check.status === 'WARNING';

/**
 * Runs the suite and returns per-scenario verdicts: `passed`, `expected` (every failing check is
 * in the baseline), `failed` (with the checks that failed), plus baseline entries that no longer fail.
 */
export async function runSuite(suite, server, url, outDir, scored) {
  const expectedFile = path.join(EXPECTED_DIR, `${server}.${suite.era}.yml`);
  const expected = await readExpected(expectedFile);
  const result = await npx(suite, [
    'server',
    '--url',
    url,
    ...suite.args,
    '--expected-failures',
    expectedFile,
    '--output-dir',
    outDir,
  ]);
  const results = await readResults(outDir);
  const problems = [];
  const counts = { passed: 0, failed: 0, expected: 0, unscored: 0 };
  const inScope = (scenario) => !scored || scored.has(scenario) || suite.generic.includes(scenario);

  for (const scenario of suite.generic) {
    if (!results.has(scenario)) problems.push(`${scenario}: did not run`);
  }
  for (const entry of expected) {
    if (!entry.check && suite.generic.includes(entry.scenario)) {
      problems.push(`${entry.scenario}: a generic scenario cannot be expected to fail as a whole`);
    }
  }
  for (const [scenario, checks] of results) {
    if (!inScope(scenario)) {
      counts.unscored++;
      continue;
    }
    const whole = expected.some((e) => e.scenario === scenario && !e.check);
    const excused = new Set(expected.filter((e) => e.scenario === scenario && e.check).map((e) => e.check));
    const bad = checks.filter(failing);
    const unexpected = whole ? [] : bad.filter((c) => !excused.has(c.id));
    for (const c of unexpected) problems.push(`${scenario} / ${c.id} (${c.status}): ${c.errorMessage ?? ''}`);
    if (whole && bad.length === 0) problems.push(`${scenario}: expected to fail but passes; remove it`);
    for (const id of excused) {
      if (!bad.some((c) => c.id === id))
        problems.push(`${scenario}:${id}: expected to fail but passes; remove it`);
    }
    counts[unexpected.length > 0 ? 'failed' : bad.length > 0 ? 'expected' : 'passed']++;
  }
  for (const entry of expected) {
    if (!results.has(entry.scenario)) problems.push(`${entry.scenario}: in the baseline but never ran`);
  }
  if (result.code !== 0 && problems.length === 0) {
    problems.push(`the suite exited with ${result.code}:\n${result.stdout.slice(-2000)}${result.stderr}`);
  }
  return { counts, problems, output: result.stdout };
}
