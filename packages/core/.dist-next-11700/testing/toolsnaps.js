import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, it } from 'vitest';
import { spawnStdio } from './stdio.js';
/**
 * Every tool's public shape (name, title, description, schemas, annotations) as `tools/list`
 * returns it, kept as one `<tool>.snap` file per tool. Host configs and prompts name tools and
 * arguments, so any change to them must show up in review as a changed snapshot file.
 *
 * `UPDATE_TOOLSNAPS=1` rewrites the files (and removes those of tools that are gone) instead of
 * comparing.
 */
export async function toolSnapshotProblems(client, dir, update = process.env.UPDATE_TOOLSNAPS === '1') {
    const tools = await listAllTools(client);
    const existing = new Set((await readdir(dir).catch(() => [])).filter((f) => f.endsWith('.snap')));
    if (update) {
        await mkdir(dir, { recursive: true });
        for (const file of existing)
            await rm(path.join(dir, file));
        for (const tool of tools)
            await writeFile(path.join(dir, `${tool.name}.snap`), snapshotOf(tool));
        await writeFile(path.join(dir, ORDER_FILE), orderOf(tools));
        return [];
    }
    const problems = [];
    for (const tool of tools) {
        const file = `${tool.name}.snap`;
        existing.delete(file);
        const saved = await readFile(path.join(dir, file), 'utf8').catch(() => undefined);
        if (saved === undefined)
            problems.push(`${tool.name}: no snapshot (a new tool?)`);
        else if (saved !== snapshotOf(tool))
            problems.push(`${tool.name}: its listed shape changed`);
    }
    for (const file of existing)
        problems.push(`${file.replace(/\.snap$/, '')}: snapshot of a tool no longer listed`);
    if (problems.length > 0) {
        problems.push('If the change is intended, run the test again with UPDATE_TOOLSNAPS=1 and review the diff.');
    }
    return problems;
}
async function listAllTools(client) {
    const tools = [];
    let cursor;
    do {
        const page = await client.listTools(cursor ? { cursor } : {});
        tools.push(...page.tools);
        cursor = page.nextCursor;
    } while (cursor);
    return tools;
}
/** The listed order too: hosts show tools in it, and a reorder should be a decision. */
const ORDER_FILE = 'ORDER';
const orderOf = (tools) => `${tools.map((t) => t.name).join('\n')}\n`;
const snapshotOf = (tool) => `${JSON.stringify(tool, null, 2)}\n`;
/**
 * One test: the built server at `<serverDir>/dist/index.js`, started with `args` and `env` (the
 * widest flags, so every tool is listed), lists exactly the snapshots in `<serverDir>/__toolsnaps__`.
 */
export function itMatchesToolSnapshots(serverDir, start = {}) {
    it('tools/list matches the committed per-tool snapshots', async () => {
        const args = typeof start.args === 'function' ? await start.args() : (start.args ?? []);
        const bin = path.join(serverDir, 'dist/index.js');
        const server = await spawnStdio({
            command: process.execPath,
            args: [bin, ...args],
            env: start.env ?? {},
        });
        try {
            expect(await toolSnapshotProblems(server.client, path.join(serverDir, '__toolsnaps__'))).toEqual([]);
        }
        finally {
            await server.close();
        }
    });
}
