import type { Client } from '@modelcontextprotocol/client';
/**
 * Every tool's public shape (name, title, description, schemas, annotations) as `tools/list`
 * returns it, kept as one `<tool>.snap` file per tool. Host configs and prompts name tools and
 * arguments, so any change to them must show up in review as a changed snapshot file.
 *
 * `UPDATE_TOOLSNAPS=1` rewrites the files (and removes those of tools that are gone) instead of
 * comparing.
 */
export declare function toolSnapshotProblems(client: Client, dir: string, update?: boolean): Promise<string[]>;
/**
 * One test: the built server at `<serverDir>/dist/index.js`, started with `args` and `env` (the
 * widest flags, so every tool is listed), lists exactly the snapshots in `<serverDir>/__toolsnaps__`.
 */
export declare function itMatchesToolSnapshots(serverDir: string, start?: {
    args?: string[] | (() => Promise<string[]>);
    env?: Record<string, string>;
}): void;
