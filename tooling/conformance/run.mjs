/**
 * `pnpm conformance`: each built server over Streamable HTTP against the official MCP conformance
 * suites of both protocol eras, then the MCP Inspector CLI calling one real tool over stdio and HTTP.
 * Fails on anything not listed in expected/<server>.<era>.yml (only scenarios that need the suite's
 * own fixture tools, resources and prompts belong there).
 *
 * Usage: node tooling/conformance/run.mjs [server...]   (default: all four)
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { log, startHttpBin } from './lib.mjs';
import { SERVERS } from './servers.mjs';
import { fetchInspector, smokeTest } from './smoke.mjs';
import { runSuite, SUITES, scoredScenarios } from './suite.mjs';

const only = process.argv.slice(2).filter((arg) => arg !== '--');
const unknown = only.filter((name) => !SERVERS.some((s) => s.name === name));
if (unknown.length > 0) {
  process.stderr.write(
    `unknown server: ${unknown.join(', ')} (have ${SERVERS.map((s) => s.name).join(', ')})\n`,
  );
  process.exit(2);
}
const began = performance.now();
const seconds = (since) => ((performance.now() - since) / 1000).toFixed(1);
const work = await mkdtemp(path.join(tmpdir(), 'refmcp-conformance-'));
const rows = [];
const problems = [];
const warnings = [];

log('fetching the suites and the Inspector through npx (cached after the first run)');
const scored = new Map();
for (const suite of SUITES) scored.set(suite.era, await scoredScenarios(suite));
await fetchInspector();

for (const spec of SERVERS.filter((s) => only.length === 0 || only.includes(s.name))) {
  const fixture = await spec.start();
  let http;
  try {
    http = await startHttpBin(spec.bin, fixture.args, fixture.env);
    for (const suite of SUITES) {
      const since = performance.now();
      const outDir = path.join(work, spec.name, suite.era);
      await mkdir(outDir, { recursive: true });
      log(`${spec.name}: ${suite.era} suite against ${http.url}`);
      const result = await runSuite(suite, spec.name, http.url, outDir, scored.get(suite.era));
      await writeFile(path.join(outDir, 'suite-output.txt'), result.output);
      rows.push({ server: spec.name, era: suite.era, ...result.counts, seconds: seconds(since) });
      problems.push(...result.problems.map((p) => `${spec.name} ${suite.era}: ${p}`));
    }
    const since = performance.now();
    log(`${spec.name}: inspector ${fixture.smoke.tool} over stdio and HTTP, both eras`);
    const { problems: smoke, warnings: slow } = await smokeTest(
      spec,
      fixture,
      http.url,
      path.join(work, spec.name),
    );
    rows.push({
      server: spec.name,
      era: 'inspector',
      passed: 4 - smoke.length,
      failed: smoke.length,
      seconds: seconds(since),
    });
    problems.push(...smoke.map((p) => `${spec.name}: ${p}`));
    warnings.push(...slow.map((w) => `${spec.name}: ${w}`));
  } catch (error) {
    problems.push(`${spec.name}: ${error.message}`);
  } finally {
    await http?.stop();
    if (http) await writeFile(path.join(work, spec.name, 'server-stderr.log'), http.stderr());
    await fixture.close();
  }
}

const header = ['server', 'suite', 'passed', 'failed', 'expected', 'not scored', 'seconds'];
const table = [
  header,
  ...rows.map((r) => [r.server, r.era, r.passed, r.failed, r.expected ?? '-', r.unscored ?? '-', r.seconds]),
];
const widths = header.map((_, i) => Math.max(...table.map((row) => String(row[i]).length)));
const lines = table.map((row) =>
  row
    .map((cell, i) => String(cell).padEnd(widths[i]))
    .join('  ')
    .trimEnd(),
);
process.stdout.write(`\n${lines.join('\n')}\n\nconformance: ${seconds(began)} s in all\n`);

if (warnings.length > 0) {
  process.stdout.write(`\nWarnings (not failures):\n${warnings.map((w) => `  - ${w}`).join('\n')}\n`);
}
if (problems.length > 0) {
  process.stdout.write(
    `\n${problems.length} unexpected failure(s):\n${problems.map((p) => `  - ${p}`).join('\n')}\n`,
  );
  process.stdout.write(`Suite output, checks and server logs are kept in ${work}\n`);
  process.exit(1);
}
await rm(work, { recursive: true, force: true });
