#!/usr/bin/env node
// Builds the package in the current folder into dist/ without ever leaving it half-built or gone:
// tsc writes to a fresh sibling folder, which replaces dist/ only when the compile succeeded. A
// failed or interrupted build leaves the previous dist/ as it was and no temporary folder behind.
// `--bin` marks dist/index.js executable: a server's entry, which its committed bin/<name>.js imports.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, renameSync, rmSync } from 'node:fs';

const next = `.dist-next-${process.pid}`;
const old = `.dist-old-${process.pid}`;
const cleanUp = () => rmSync(next, { recursive: true, force: true });
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    cleanUp();
    process.exit(130);
  });
}

// A run killed outright (SIGKILL, a closed terminal) cannot clean up after itself: the next one does.
const running = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
};
for (const entry of readdirSync('.')) {
  const pid = /^\.dist-(?:next|old)-(\d+)$/.exec(entry)?.[1];
  if (pid && !running(Number(pid))) rmSync(entry, { recursive: true, force: true });
}

const compile = spawnSync('tsc', ['-p', 'tsconfig.build.json', '--outDir', next], { stdio: 'inherit' });
if (compile.status !== 0) {
  cleanUp();
  process.exit(compile.status ?? 1);
}
if (process.argv.includes('--bin')) chmodSync(`${next}/index.js`, 0o755);
if (existsSync('dist')) renameSync('dist', old);
renameSync(next, 'dist');
rmSync(old, { recursive: true, force: true });
