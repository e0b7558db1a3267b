// Filesystem: @refmcp/server-filesystem against the official @modelcontextprotocol/server-filesystem,
// and our content search against grep. Every call goes over stdio through a real SDK v2 client.
import { statSync } from 'node:fs';
import path from 'node:path';
import { ensureFilesystemTree } from '../fixtures/filesystem-tree.mjs';
import {
  BenchError,
  callTool,
  connectStdio,
  ensureBuilt,
  interleave,
  listTools,
  log,
  makeRow,
  repoRoot,
  runProcess,
  sampleCount,
  selected,
} from '../lib.mjs';
import { OFFICIAL_FILESYSTEM as OFFICIAL_PKG, officialFilesystem } from '../peers.mjs';

export const name = 'filesystem';
export const description = '@refmcp/server-filesystem vs @modelcontextprotocol/server-filesystem (and grep)';

// The command npx runs, as users start it (it turns on the compile cache first).
const OURS_BIN = path.join(repoRoot, 'servers/filesystem/bin/refmcp-filesystem.js');
const OURS_BUILT = path.join(repoRoot, 'servers/filesystem/dist/index.js');

// Sample counts per kind of case: [full, --quick]. A small call takes 1-4 ms and its time swings
// with what else the machine runs; with 31 samples a side, three runs in a row put one case at
// 0.88x, 0.96x and 1.14x. 301 samples cost about 2 s a case.
const SMALL = { full: 301, quick: 31 };
const MEDIUM = { full: 11, quick: 3 };
const BIG = { full: 7, quick: 2 };

/** The targets: ours / baseline at most this. */
const TARGET_SMALL = 1.0;
const TARGET_BIG = 0.25;
const TARGET_GREP = 2.0;

// ---- Reading the answers, for the check column -------------------------------------------------

const lines = (text) => (text === '' ? 0 : text.replace(/\n$/, '').split('\n').length);

/** An array somewhere at the top of a structured result: the tool's list of items. */
function topArray(structured, keys) {
  if (!structured || typeof structured !== 'object') return undefined;
  for (const key of keys) if (Array.isArray(structured[key])) return structured[key];
  return Object.values(structured).find(Array.isArray);
}

/** Nodes in a nested tree of `{ name, children? }` (either side's JSON shape). */
function countTree(nodes) {
  let n = 0;
  const stack = [...nodes];
  while (stack.length) {
    const node = stack.pop();
    n++;
    if (Array.isArray(node?.children)) stack.push(...node.children);
  }
  return n;
}

function officialTreeCount(text) {
  return countTree(JSON.parse(text));
}

function oursTreeCount({ structured, text }) {
  if (structured && typeof structured === 'object') {
    if (typeof structured.entries === 'number') return structured.entries;
    if (Array.isArray(structured.tree)) return countTree(structured.tree);
    if (structured.tree && typeof structured.tree === 'object') return countTree([structured.tree]) - 1;
    const arr = topArray(structured, ['entries', 'children', 'nodes']);
    if (arr) return countTree(arr);
  }
  try {
    return officialTreeCount(text);
  } catch {
    return lines(text);
  }
}

/** Items in one of our list-like results; `pageKeys` in the order to try. */
function oursItems(result, keys) {
  const arr = topArray(result.structured, keys);
  return arr ? arr.length : lines(result.text);
}

const officialSearchCount = (text) => (text === 'No matches found' ? 0 : lines(text));

/** Calls a tool, following nextCursor so a paged answer is compared whole. */
async function callAll(server, tool, args, keys) {
  let result = await callTool(server, tool, args);
  let count = oursItems(result, keys);
  let pages = 1;
  const flags = new Set();
  for (;;) {
    const s = result.structured ?? {};
    if (s.truncated === true) flags.add('truncated');
    if (typeof s.nextCursor !== 'string') break;
    result = await callTool(server, tool, { ...args, cursor: s.nextCursor });
    count += oursItems(result, keys);
    pages++;
  }
  if (pages > 1) flags.add(`${pages} pages`);
  return { ...result, count, flags: [...flags] };
}

function checkCell(ours, base, { expected, baseName = 'official', unit = '', compare = true } = {}) {
  const mark = (n) => (expected !== undefined && n !== expected ? `${n}≠${expected}` : String(n));
  const o = ours === undefined ? '–' : mark(ours);
  const b = base === undefined ? '–' : mark(base);
  const same = !compare || ours === undefined || base === undefined || ours === base ? '' : ' (differ)';
  return `ours ${o} · ${baseName} ${b}${unit}${same}`;
}

// ---- The suite ---------------------------------------------------------------------------------

export async function run({ flags }) {
  ensureBuilt({
    filter: '@refmcp/server-filesystem',
    output: OURS_BUILT,
    sources: path.join(repoRoot, 'servers/filesystem/src'),
    force: flags.build,
  });
  const official = officialFilesystem();
  const tree = await ensureFilesystemTree();
  const root = tree.root;
  const abs = (rel) => path.join(root, rel);

  const oursSpawn = { args: [OURS_BIN, root], label: 'ours' };
  const officialSpawn = { args: [official.bin, root], label: 'official' };

  const rows = [];
  const details = [];
  const meta = {
    fixture: { root, files: tree.files, seed: tree.seed, logBytes: tree.log.bytes },
    official: `${OFFICIAL_PKG}@${official.version}`,
    ours: '@refmcp/server-filesystem (servers/filesystem/dist)',
    node: process.version,
  };

  const record = (row, detail) => {
    rows.push(row);
    // The fastest sample per side too: on a busy machine it is steadier than the median.
    const min = Object.fromEntries(
      Object.entries(detail.samples ?? {})
        .filter(([, v]) => v?.length)
        .map(([k, v]) => [k, Math.min(...v)]),
    );
    details.push({ id: row.id, min, ...detail });
    const ratio = Number.isFinite(row.ratio) ? `${row.ratio.toFixed(2)}×` : '–';
    log(
      `  ${row.id}: ours ${row.status ?? `${row.ours?.toFixed(1)} ms`}, ${row.baseName} ${row.base?.toFixed(1)} ms, ${ratio}  ${row.check ?? ''}`,
    );
  };

  // ---- cold start: a new process per sample ----
  if (selected(flags, 'cold-start')) {
    const samples = sampleCount(flags, MEDIUM);
    const coldStart = (spawnOptions) => async () => {
      const server = await connectStdio(spawnOptions);
      try {
        const { tools } = await server.client.listTools();
        server.tools = tools.length;
      } catch (error) {
        await server.close();
        throw error;
      }
      return server;
    };
    const res = await interleave(
      { ours: coldStart(oursSpawn), official: coldStart(officialSpawn) },
      // Shutting down is outside the measured time, and finished before the next sample starts.
      { samples, warmup: 1, after: (server) => server.close() },
    );
    record(
      makeRow({
        suite: name,
        id: 'cold-start',
        title: 'cold start: spawn → initialize → tools/list',
        ours: res.ours.median,
        base: res.official.median,
        baseName: 'official',
        target: TARGET_SMALL,
        samples,
        check: checkCell(res.ours.last?.tools, res.official.last?.tools, { unit: ' tools', compare: false }),
      }),
      { samples: { ours: res.ours.samples, official: res.official.samples } },
    );
  }

  // ---- warm cases: one long-lived process per side ----
  log('  connecting to both servers…');
  const ours = await connectStdio(oursSpawn);
  const off = await connectStdio(officialSpawn);
  try {
    const oursTools = await listTools(ours.client);
    const offTools = await listTools(off.client);

    if (selected(flags, 'tools-list')) {
      // What a host pays in context every turn, per tool offered: bytes, not ms.
      const perTool = (tools) =>
        Buffer.byteLength(JSON.stringify({ tools: [...tools.values()] })) / tools.size;
      const row = makeRow({
        suite: name,
        id: 'tools-list bytes/tool',
        title: `tools/list bytes per tool (ours ${oursTools.size} tools, official ${offTools.size}; not ms)`,
        ours: perTool(oursTools),
        base: perTool(offTools),
        baseName: 'official',
        target: 1.0,
        samples: 1,
        check: `ours ${oursTools.size} / official ${offTools.size} tools`,
      });
      record(row, {});
    }

    /**
     * One warm case. `oursCall`/`offCall` return `{ count }` for the check column; `oursArgs`
     * and `offArgs` are recorded in the JSON so the comparison can be audited.
     */
    const warmCase = async (spec) => {
      if (!selected(flags, spec.id)) return;
      const samples = sampleCount(flags, spec.samples);
      const oursHas = oursTools.has(spec.tool);
      if (!offTools.has(spec.offTool ?? spec.tool) && spec.baseName !== 'grep') {
        throw new BenchError(`official server has no ${spec.offTool ?? spec.tool} tool`);
      }
      const sides = {
        ours: oursHas ? () => spec.oursCall(ours) : undefined,
        [spec.baseName ?? 'official']: () => spec.offCall(off),
      };
      const res = await interleave(sides, { samples, warmup: 1 });
      const base = res[spec.baseName ?? 'official'];
      const oursLast = res.ours?.last;
      const row = makeRow({
        suite: name,
        id: spec.id,
        title: spec.title,
        ours: oursHas ? res.ours.median : undefined,
        base: base.median,
        baseName: spec.baseName ?? 'official',
        target: spec.target,
        samples,
        status: oursHas ? undefined : 'tool missing',
        check: spec.check(oursLast, base.last),
        note: describeArgs(spec),
      });
      record(row, {
        tool: spec.tool,
        given: { ours: spec.oursArgs, [spec.baseName ?? 'official']: spec.offArgs },
        flags: oursLast?.flags,
        samples: { ours: res.ours?.samples, [spec.baseName ?? 'official']: base.samples },
      });
    };

    // small read: ~2 KB file
    {
      const args = { path: abs(tree.smallFile) };
      const size = statSync(args.path).size;
      await warmCase({
        id: 'read-small',
        title: `read_text_file ${(size / 1024).toFixed(1)} KiB file`,
        tool: 'read_text_file',
        samples: SMALL,
        target: TARGET_SMALL,
        oursArgs: args,
        offArgs: args,
        oursCall: async (s) => ({ count: (await callTool(s, 'read_text_file', args)).text.length }),
        offCall: async (s) => ({ count: (await callTool(s, 'read_text_file', args)).text.length }),
        check: (o, b) => checkCell(o?.count, b?.count, { unit: ' chars' }),
      });
    }

    // list a directory of 200 entries
    {
      const args = { path: abs(tree.listDir) };
      await warmCase({
        id: 'list',
        title: `list_directory (${tree.listEntries} entries)`,
        tool: 'list_directory',
        samples: SMALL,
        target: TARGET_SMALL,
        oursArgs: args,
        offArgs: args,
        // Names grouped by type: every group counts.
        oursCall: async (s) => {
          const { structured } = await callTool(s, 'list_directory', args);
          return {
            count: ['directories', 'files', 'symlinks', 'other'].reduce(
              (n, k) => n + structured[k].length,
              0,
            ),
          };
        },
        offCall: async (s) => ({ count: lines((await callTool(s, 'list_directory', args)).text) }),
        check: (o, b) => checkCell(o?.count, b?.count, { expected: tree.listEntries }),
      });
    }

    // head and tail of the 64 MiB log
    for (const end of ['head', 'tail']) {
      const args = { path: abs(tree.log.path), [end]: 100 };
      const want = end === 'head' ? tree.log.firstLine : tree.log.lastLine;
      const read = async (s) => {
        const { text } = await callTool(s, 'read_text_file', args);
        return { count: lines(text.trimEnd()), ok: text.includes(want) };
      };
      await warmCase({
        id: end,
        title: `read_text_file ${end}: 100 of 64 MiB log`,
        tool: 'read_text_file',
        samples: SMALL,
        target: TARGET_SMALL,
        oursArgs: args,
        offArgs: args,
        oursCall: read,
        offCall: read,
        check: (o, b) => {
          const bad = [o, b].some((x) => x && !x.ok)
            ? ` · ${end === 'head' ? 'first' : 'last'} line missing!`
            : '';
          // The official tail counts the empty string after the file's final newline as a line.
          const known =
            end === 'tail' && b?.count === 99 ? ' (official counts the final newline as a line)' : '';
          return `${checkCell(o?.count, b?.count, { unit: ' lines', compare: !known })}${bad}${known}`;
        },
      });
    }

    // search_files over the whole tree, node_modules excluded
    {
      const pattern = '**/*.ts';
      const oursArgs = { path: root, pattern, ...wholeAnswer(oursTools.get('search_files')) };
      const offArgs = { path: root, pattern, excludePatterns: ['**/node_modules/**'] };
      await warmCase({
        id: 'search-files',
        title: `search_files ${pattern} (whole tree)`,
        tool: 'search_files',
        samples: BIG,
        target: TARGET_BIG,
        oursArgs,
        offArgs,
        note: 'plus its default excludes .git, node_modules',
        oursCall: (s) => callAll(s, 'search_files', oursArgs, ['matches', 'paths', 'files', 'results']),
        offCall: async (s) => ({
          count: officialSearchCount((await callTool(s, 'search_files', offArgs)).text),
        }),
        check: (o, b) => checkCell(o?.count, b?.count, { expected: tree.files.ts }),
      });
    }

    // directory_tree of the whole root
    {
      const oursArgs = { path: root, ...wholeAnswer(oursTools.get('directory_tree')) };
      const offArgs = { path: root, excludePatterns: ['node_modules', '.git'] };
      await warmCase({
        id: 'tree',
        title: 'directory_tree (whole tree)',
        tool: 'directory_tree',
        samples: BIG,
        target: TARGET_BIG,
        oursArgs,
        offArgs,
        note: 'plus its default excludes .git, node_modules',
        oursCall: async (s) => {
          const result = await callAll(s, 'directory_tree', oursArgs, ['entries', 'tree']);
          return { count: oursTreeCount(result), flags: result.flags, bytes: result.text.length };
        },
        offCall: async (s) => {
          const { text } = await callTool(s, 'directory_tree', offArgs);
          return { count: officialTreeCount(text), bytes: text.length };
        },
        check: (o, b) =>
          `${checkCell(o?.count, b?.count, { unit: ' nodes' })}${o?.flags?.length ? ` [ours ${o.flags.join(', ')}]` : ''}`,
      });
    }

    // read_multiple_files of 20 small files
    {
      const args = { paths: tree.multiFiles.map(abs) };
      await warmCase({
        id: 'read-multiple',
        title: `read_multiple_files (${args.paths.length} small files)`,
        tool: 'read_multiple_files',
        samples: SMALL,
        target: TARGET_SMALL,
        oursArgs: args,
        offArgs: args,
        oursCall: async (s) => {
          const r = await callTool(s, 'read_multiple_files', args);
          const files = topArray(r.structured, ['files', 'results']);
          const failed = files?.filter((f) => f && typeof f === 'object' && 'error' in f && f.error) ?? [];
          if (failed.length)
            throw new BenchError(`ours: read_multiple_files failed for ${failed.length} files`);
          return { count: files ? files.length : args.paths.length };
        },
        offCall: async (s) => {
          const { text } = await callTool(s, 'read_multiple_files', args);
          const failed = args.paths.filter((p) => text.includes(`${p}: Error - `));
          if (failed.length)
            throw new BenchError(`official: read_multiple_files failed for ${failed.join(', ')}`);
          return { count: args.paths.length - failed.length };
        },
        check: (o, b) => checkCell(o?.count, b?.count, { expected: args.paths.length, unit: ' files' }),
      });
    }

    // content search: ours vs grep
    {
      const tool = oursTools.get('search_content');
      // The same question grep answers: a case-sensitive literal, file paths only.
      const oursArgs = {
        path: root,
        pattern: tree.needle,
        ...accepted(tool, { literal: true, caseSensitive: true }),
        ...filesOnlyArgs(tool),
        ...wholeAnswer(tool),
      };
      const grepArgs = ['-rl', '--exclude-dir=node_modules', '--exclude-dir=.git', tree.needle, root];
      await warmCase({
        id: 'search-content',
        title: `search_content "${tree.needle}" files-only`,
        tool: 'search_content',
        baseName: 'grep',
        samples: MEDIUM,
        target: TARGET_GREP,
        oursArgs,
        offArgs: `grep ${grepArgs.join(' ')}`,
        oursCall: async (s) => {
          const result = await callAll(s, 'search_content', oursArgs, ['files', 'matches', 'results']);
          return { ...result, skipped: result.structured?.filesSkipped };
        },
        offCall: async () => {
          const { stdout } = await runProcess('grep', grepArgs, { okCodes: [0, 1] });
          return { count: lines(stdout) };
        },
        check: (o, b) =>
          `${checkCell(o?.count, b?.count, { expected: tree.files.needle, baseName: 'grep' })}` +
          // grep reads every file; ours skips binaries and files over its size limit (the 64 MiB log).
          (o?.skipped ? ` · ours skipped ${o.skipped} file${o.skipped === 1 ? '' : 's'} grep read` : ''),
      });
    }
  } finally {
    await Promise.all([ours.close(), off.close()]);
  }

  return { rows, details, meta };
}

/** The arguments each side got beyond `path`, when they differ: printed under the table. */
function describeArgs({ oursArgs, offArgs, baseName = 'official', note }) {
  const extra = (args) => {
    if (typeof args === 'string') return args;
    const { path: _path, paths: _paths, ...rest } = args;
    return Object.keys(rest).length ? JSON.stringify(rest) : '{}';
  };
  const ours = extra(oursArgs);
  const base = extra(offArgs);
  if (ours === base && !note) return undefined;
  return `ours ${ours}${note ? ` (${note})` : ''}; ${baseName} ${base}`;
}

/**
 * Lifts our result caps (maxEntries, maxResults…) to what the schema allows, so both sides return
 * the whole answer: the official server has no caps.
 */
function wholeAnswer(tool) {
  const props = tool?.inputSchema?.properties ?? {};
  const out = {};
  for (const key of ['maxEntries', 'maxResults', 'maxFiles', 'maxMatches', 'limit']) {
    if (props[key]) out[key] = Math.min(props[key].maximum ?? 100_000, 100_000);
  }
  return out;
}

/** The subset of `args` the tool's input schema declares. */
function accepted(tool, args) {
  const props = tool?.inputSchema?.properties ?? {};
  return Object.fromEntries(Object.entries(args).filter(([key]) => key in props));
}

/** Asks our search_content for file paths only, in whichever way its input schema spells it. */
function filesOnlyArgs(tool) {
  const props = tool?.inputSchema?.properties ?? {};
  if ('filesOnly' in props) return { filesOnly: true };
  if ('filesWithMatches' in props) return { filesWithMatches: true };
  for (const key of ['outputMode', 'output', 'mode']) {
    const values = props[key]?.enum ?? [];
    const want = values.find((v) => /files/i.test(v));
    if (want) return { [key]: want };
  }
  return {};
}
