#!/usr/bin/env node
// Runs every benchmark suite in ./suites (or those named with --suite), prints a table per suite,
// and writes .bench/results-<suite>.json. Missing a target is a result, not a failure; a tool call
// that errors is a failure (exit 1).
import { readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BenchError, benchRoot, formatTable, log, parseFlags, scratchDir, writeJson } from './lib.mjs';

const HELP = `Usage: pnpm bench [-- options]      (or: node tooling/bench/run.mjs [options])

  --quick            fewer samples per case (for a quick look while developing)
  --only <case>      run only matching cases (substring; comma-separated or repeated),
                     e.g. --only search   --only head,tail   --only cold-start;
                     a suite's name selects that suite, e.g. --only responsiveness
  --suite <name>     run only this suite (file name in tooling/bench/suites without .mjs)
  --samples <n>      exact number of samples per case
  --build            rebuild the server under test first
  -h, --help         this text

Results: a table on stdout and .bench/results-<suite>.json.`;

async function main() {
  const flags = parseFlags(process.argv.slice(2));
  if (flags.help) {
    console.log(HELP);
    return 0;
  }
  const suitesDir = path.join(benchRoot, 'suites');
  const available = readdirSync(suitesDir)
    .filter((file) => file.endsWith('.mjs'))
    .map((file) => file.slice(0, -4))
    .sort();
  const unknown = flags.suites.filter((s) => !available.includes(s));
  if (unknown.length)
    throw new BenchError(`unknown suite ${unknown.join(', ')} (have: ${available.join(', ')})`);
  // A suite's name given to --only picks that suite (all of its cases, unless other --only values
  // narrow them), so `--only responsiveness` works as people type it.
  const onlySuites = flags.only.filter((want) => available.includes(want));
  flags.only = flags.only.filter((want) => !available.includes(want));
  const named = [...new Set([...flags.suites, ...onlySuites])];
  const chosen = named.length ? named : available;

  for (const id of chosen) {
    const suite = await import(pathToFileURL(path.join(suitesDir, `${id}.mjs`)).href);
    log(`\n▶ ${suite.name}: ${suite.description}${flags.quick ? ' (quick)' : ''}`);
    const started = performance.now();
    const loadBefore = os.loadavg()[0];
    const { rows, details, meta } = await suite.run({ flags });
    const machine = { cpus: os.availableParallelism(), load1: [loadBefore, os.loadavg()[0]] };
    const seconds = (performance.now() - started) / 1000;
    console.log(`\n${suite.name} — median ms per call (ratio = ours / base; lower is better)\n`);
    console.log(formatTable(rows));
    const notes = rows.filter((r) => r.note).map((r) => `  ${r.id}: ${r.note}`);
    if (notes.length) console.log(`\nWhat each side was given:\n${notes.join('\n')}`);
    const missed = rows.filter((r) => r.met === false).map((r) => r.id);
    const missing = rows.filter((r) => r.status).map((r) => `${r.id} (${r.status})`);
    const unjudged = rows.filter((r) => r.met === undefined && !r.status).length;
    console.log(
      `\n${rows.filter((r) => r.met === true).length}/${rows.length - unjudged} targets met` +
        (missed.length ? `; missed: ${missed.join(', ')}` : '') +
        (missing.length ? `; not measured: ${missing.join(', ')}` : '') +
        (unjudged ? `; ${unjudged} row${unjudged === 1 ? '' : 's'} without a target or baseline` : '') +
        ` · ${seconds.toFixed(0)} s`,
    );
    const file = path.join(scratchDir, `results-${suite.name}.json`);
    writeJson(file, {
      suite: suite.name,
      date: new Date().toISOString(),
      quick: flags.quick,
      only: flags.only,
      meta: { ...meta, machine },
      rows: rows.map((r) => ({ ...r, ratio: Number.isFinite(r.ratio) ? r.ratio : null })),
      details,
    });
    const busy = Math.max(...machine.load1) > machine.cpus;
    console.log(
      `Load average ${machine.load1.map((l) => l.toFixed(1)).join(' → ')} on ${machine.cpus} CPUs` +
        (busy
          ? ': the machine was busy, small-call ratios are noisy; compare the min per side in the JSON'
          : ''),
    );
    console.log(`Results: ${path.relative(process.cwd(), file) || file}`);
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    if (error instanceof BenchError) {
      console.error(`\nbench failed: ${error.message}`);
    } else {
      console.error('\nbench crashed:', error);
    }
    process.exit(1);
  },
);
