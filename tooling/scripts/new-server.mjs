#!/usr/bin/env node
// `pnpm new-server <name>`: copies servers/template to servers/<name> with every name replaced,
// then links it into the workspace. The copy builds, passes its tests and serves as it is.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TEMPLATE = path.join(ROOT, 'servers/template');
/** What is built or installed, never copied. */
const SKIP = new Set(['node_modules', 'dist', '.turbo']);

const fail = (message) => {
  process.stderr.write(`new-server: ${message}\n`);
  process.exit(2);
};

const { values, positionals } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: { dir: { type: 'string' }, 'no-install': { type: 'boolean' } },
  allowPositionals: true,
});
const name = positionals[0];
if (!name || positionals.length > 1)
  fail('usage: pnpm new-server <name> (lowercase letters, digits and dashes)');
if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(name))
  fail(`"${name}" is not a name like "weather" or "issue-tracker".`);
if (name === 'template' || name === 'core') fail(`"${name}" is taken.`);

const serversDir = path.resolve(values.dir ?? path.join(ROOT, 'servers'));
const target = path.join(serversDir, name);
if (existsSync(target)) fail(`${target} already exists.`);

const words = name.split('-');
const replacements = [
  ['TEMPLATE', words.join('_').toUpperCase()],
  ['Template', words.map((w) => w[0].toUpperCase() + w.slice(1)).join('')],
  ['template', name],
];
const rename_ = (text) => replacements.reduce((out, [from, to]) => out.split(from).join(to), text);

await cp(TEMPLATE, target, { recursive: true, filter: (src) => !SKIP.has(path.basename(src)) });
await renameWithin(target);
process.stdout.write(`Created ${path.relative(process.cwd(), target) || target}\n`);

if (!values['no-install']) {
  // Links @refmcp/core and the dependencies into the new package, and records it in the lockfile.
  execFileSync('npx', ['-y', 'pnpm@10', 'install'], { cwd: ROOT, stdio: 'inherit' });
  process.stdout.write(
    [
      '',
      'Next:',
      `  npx -y pnpm@10 turbo run build typecheck test --filter=@refmcp/server-${name}`,
      `  then edit servers/${name}/src/tools/ (one file per tool), src/app.ts (title, instructions)`,
      `  and README.md. See servers/template/README.md for the steps.`,
      '',
    ].join('\n'),
  );
}

/** Replaces the names in every file's text and in file names, depth first. */
async function renameWithin(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const from = path.join(dir, entry.name);
    if (entry.isDirectory()) await renameWithin(from);
    else await writeFile(from, rename_(await readFile(from, 'utf8')));
    const to = path.join(dir, rename_(entry.name));
    if (to !== from) await rename(from, to);
  }
}
