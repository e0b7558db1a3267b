import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Logger } from '@refmcp/core';
import * as z from 'zod';
import type { ChannelEntry, UserEntry } from './directory.js';

/** Bumped when the entries change shape: an older file is then ignored, not misread. */
const FORMAT = 2;

const fileSchema = z.object({
  format: z.literal(FORMAT),
  /** Which API and workspace the lists came from: a file from another one is never used. */
  apiUrl: z.string(),
  teamId: z.string(),
  savedAt: z.number(),
  channels: z.array(z.record(z.string(), z.unknown())).optional(),
  users: z.array(z.record(z.string(), z.unknown())).optional(),
});

export interface DirectorySnapshot {
  savedAt: number;
  channels?: ChannelEntry[];
  users?: UserEntry[];
}

/**
 * The users and channels directory on disk between runs (--directory-cache), so a large
 * workspace is not paged through at every start. Only the directory's entries are written, never
 * a token or anything derived from one; the file is created owner-only and replaced atomically
 * (temp file + rename), so a crash mid-write leaves the previous file, and a reader never sees half.
 */
export class DirectoryFile {
  constructor(
    private readonly path: string,
    private readonly apiUrl: string,
    private readonly maxAgeMs: number,
    private readonly logger: Logger,
    private readonly now: () => number,
  ) {}

  /** The saved lists if the file is there, readable, for this API and workspace, and young enough. */
  async read(teamId: string): Promise<DirectorySnapshot | undefined> {
    let raw: string;
    try {
      raw = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.warn('cannot be read', error);
      return undefined;
    }
    let parsed: z.infer<typeof fileSchema>;
    try {
      parsed = fileSchema.parse(JSON.parse(raw));
    } catch {
      this.logger.warn('directory cache file is not in the expected format; reloading from Slack');
      return undefined;
    }
    if (parsed.apiUrl !== this.apiUrl || parsed.teamId !== teamId) {
      this.logger.info('directory cache file is for another workspace; reloading from Slack');
      return undefined;
    }
    const age = this.now() - parsed.savedAt;
    if (age < 0 || age > this.maxAgeMs) {
      this.logger.info('directory cache file is older than its max age; reloading from Slack');
      return undefined;
    }
    return {
      savedAt: parsed.savedAt,
      ...(parsed.channels && { channels: parsed.channels as unknown as ChannelEntry[] }),
      ...(parsed.users && { users: parsed.users as unknown as UserEntry[] }),
    };
  }

  async write(teamId: string, lists: { channels?: ChannelEntry[]; users?: UserEntry[] }): Promise<void> {
    const body = JSON.stringify({
      format: FORMAT,
      apiUrl: this.apiUrl,
      teamId,
      savedAt: this.now(),
      ...lists,
    });
    const temp = `${this.path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      await mkdir(dirname(this.path), { recursive: true });
      await writeFile(temp, body, { mode: 0o600 });
      await rename(temp, this.path);
    } catch (error) {
      await rm(temp, { force: true }).catch(() => {});
      this.warn('cannot be written', error);
    }
  }

  private warn(what: string, error: unknown) {
    this.logger.warn(`directory cache file ${what}; the directory stays in memory`, {
      code: (error as NodeJS.ErrnoException).code ?? String(error),
    });
  }
}
