import { execFile } from 'node:child_process';
import { access, cp, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const exec = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * `pnpm install` in a fresh clone, before anything is built: the tooling packages depend on the
 * servers, whose bins pnpm links at install time. A bin inside dist/ does not exist yet, and pnpm
 * printed a "Failed to create bin … ENOENT" warning for each of them (18 on a fresh clone).
 * The copy holds exactly the files git would give (tracked and new, never ignored ones such as
 * node_modules or dist). Offline and without scripts: the store already has every package, and
 * linking bins is what is checked.
 */
it('is quiet in a fresh clone: every bin links before anything is built', async () => {
  const work = await mkdtemp(path.join(tmpdir(), 'refmcp-fresh-install-'));
  try {
    const { stdout: listed } = await exec(
      'git',
      ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
      { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 },
    );
    for (const file of listed.split('\0').filter(Boolean)) {
      // A file deleted in the working tree but still tracked is not part of the checkout.
      const from = path.join(ROOT, file);
      if (
        !(await access(from).then(
          () => true,
          () => false,
        ))
      )
        continue;
      await mkdir(path.dirname(path.join(work, file)), { recursive: true });
      await cp(from, path.join(work, file));
    }
    const install = await exec(
      'npx',
      ['-y', 'pnpm@10', 'install', '--frozen-lockfile', '--offline', '--ignore-scripts'],
      { cwd: work, env: { ...process.env, CI: 'true' }, maxBuffer: 64 * 1024 * 1024 },
    );
    const output = `${install.stdout}\n${install.stderr}`;
    expect(output.split('\n').filter((line) => /WARN/.test(line))).toEqual([]);
    // The links are there, pointing at committed files, and run the server once it is built.
    const link = path.join(work, 'tooling/conformance/node_modules/.bin/refmcp-github');
    expect(await readFile(link, 'utf8')).toMatch(/server-github|servers\/github/);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}, 120_000);
