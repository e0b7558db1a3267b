import { execFileSync } from 'node:child_process';
import { closeSync, constants, mkdtempSync, openSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { asToolError, describeError } from './errors.js';

const dir = mkdtempSync(path.join(tmpdir(), 'refmcp-errors-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The error a real system call throws, as the tools meet it. */
function thrownBy(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return error;
  }
  throw new Error('the call did not fail');
}

it('names a missing file, and hints where to look', () => {
  const error = thrownBy(() => openSync(path.join(dir, 'missing.txt'), 'r'));
  const known = asToolError(error);
  expect(known && describeError(known)).toBe(
    `Not found: No such file or directory: ${path.join(dir, 'missing.txt')}\nCheck the path with list_directory or search_files.`,
  );
});

it.skipIf(process.platform !== 'linux')(
  'says a special file with nothing to read cannot be read, not that the server has a bug',
  () => {
    const fifo = path.join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const reader = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    const writer = openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK);
    try {
      const error = thrownBy(() => readSync(reader, Buffer.alloc(16)));
      expect(error).toMatchObject({ code: 'EAGAIN' });
      const known = asToolError(error);
      expect(known?.kind).toBe('invalid_input');
      expect(known?.message).toMatch(/cannot be read without waiting: it is not a regular file/);
    } finally {
      closeSync(writer);
      closeSync(reader);
    }
  },
);

it('maps a full disk and a read-only file system to errors the user can act on', () => {
  // Built the way Node builds them (uvException): these cannot be caused safely in a test.
  const full = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
  expect(describeError(asToolError(full)!)).toBe(
    'Invalid input: No space left on the device.\nTell the user the disk is full; nothing more can be written there until space is freed.',
  );
  const ro = Object.assign(new Error('EROFS'), { code: 'EROFS', path: '/mnt/ro/a.txt' });
  expect(asToolError(ro)).toMatchObject({
    kind: 'permission_denied',
    message: 'The file system holding /mnt/ro/a.txt is read-only.',
  });
  expect(asToolError(new Error('something else'))).toBeUndefined();
});
