// SQLite: @refmcp/server-sqlite over MCP (stdio) against the same work done in process with
// better-sqlite3 (query + JSON encoding: the floor any server pays), and side by side with
// mcp-server-sqlite-npx, an npm port of the official Python server, on the same database file.
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import {
  benchRoot,
  callTool,
  connectStdio,
  ensureBuilt,
  interleave,
  listLikeAHost,
  log,
  makeRow,
  repoRoot,
  sampleCount,
  scratchDir,
  selected,
} from '../lib.mjs';
import {
  SQLITE_PORT as OFFICIAL_PKG,
  SQLITE_PORT_VERSION as OFFICIAL_VERSION,
  sqlitePort,
} from '../peers.mjs';
import { cpuMs, hasProc } from '../proc.mjs';
import { bigCell, countCell } from '../sqlite-cell.mjs';

export const name = 'sqlite';
export const description =
  '@refmcp/server-sqlite over MCP vs better-sqlite3 in process, and vs mcp-server-sqlite-npx';

const SERVER_DIR = path.join(repoRoot, 'servers/sqlite');
const FLOOR_BIN = path.join(benchRoot, 'floor-server.mjs');
// The command npx runs, as users start it (it turns on the compile cache first).
const OURS_BIN = path.join(SERVER_DIR, 'bin/refmcp-sqlite.js');
const OURS_BUILT = path.join(SERVER_DIR, 'dist/index.js');
/** The server's own better-sqlite3, for the fixture and the in-process baseline. */
const Database = createRequire(path.join(SERVER_DIR, 'package.json'))('better-sqlite3');

const FIXTURE_VERSION = 1;
const ROWS = 100_000;
const BIG = 10_000;
const LOOKUP_ID = 42_424;

const SAMPLES_BIG = { full: 11, quick: 3 };
/**
 * A lookup takes about a millisecond: 41 samples after one warm-up round measured mostly code the
 * JIT had not compiled yet and a few calls that a slow wake-up doubled (medians moved by 30%
 * between two runs), so the small cases take many more, after a longer warm-up.
 */
const SAMPLES_SMALL = { full: 401, quick: 41 };
const WARMUP_SMALL = 20;

/**
 * The targets, ours / base at most this. Against the npm port: not slower. Against in-process
 * better-sqlite3 the gap is the price of MCP itself (a process hop each way, JSON-RPC, schema
 * validation): bounded for a big result, and a function call vs a round trip for a point lookup.
 */
const TARGET = {
  official: 1.0,
  // The goal. A bare SDK v2 server doing the same query in process (the floor row below)
  // measured 3.0× on its own: the SDK's stdio transport and client cost more than the query.
  directBig: 2.0,
  // Against that bare server, which answers with the rows as JSON text: ours also crosses to its
  // query process and answers with two views of the rows (the text table and the structured rows).
  floorBig: 1.25,
  // A point lookup in process takes microseconds, so a ratio to it says nothing. What ours adds
  // to it (ours minus direct, in ms) is compared with a whole no-op call to a bare SDK v2 server
  // over stdio (../floor-server.mjs): our query process, JSON-RPC and schemas may add at most a
  // quarter to the SDK's own per-call cost.
  overheadVsFloor: 1.25,
  // What one big read costs the server's own process (its main thread, which every other call and
  // ping waits behind, and its helper threads; not its database workers), in CPU ms per call,
  // against the bare server, which reads and encodes the rows on that thread: at most three
  // quarters of it, or the workers are not taking the rows' work off the shared thread.
  mainCpuBig: 0.75,
};

const SQL_BIG = `SELECT * FROM items WHERE id <= ${BIG} ORDER BY id`;
const SQL_POINT = 'SELECT * FROM items WHERE id = ?';

/** items(100k rows): the same bytes on every machine (values come from the row number). */
function ensureFixture() {
  const dir = path.join(scratchDir, 'fixtures', `sqlite-v${FIXTURE_VERSION}`);
  const file = path.join(dir, 'bench.db');
  if (existsSync(file)) return file;
  log(`  generating ${path.relative(repoRoot, file)} (${ROWS} rows)…`);
  mkdirSync(dir, { recursive: true });
  const tmp = `${file}.tmp`;
  rmSync(tmp, { force: true });
  const db = new Database(tmp);
  db.exec(`
    CREATE TABLE items (
      id INTEGER PRIMARY KEY, sku TEXT NOT NULL, name TEXT NOT NULL, category TEXT NOT NULL,
      price REAL NOT NULL, stock INTEGER NOT NULL, created_at TEXT NOT NULL
    );
    INSERT INTO items
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${ROWS})
    SELECT i, printf('SKU-%06d', i), 'Item number ' || i || ' of the catalogue',
           CASE i % 5 WHEN 0 THEN 'books' WHEN 1 THEN 'garden' WHEN 2 THEN 'kitchen'
                      WHEN 3 THEN 'toys' ELSE 'tools' END,
           ((i * 7919) % 100000) / 100.0, (i * 31) % 500, date('2020-01-01', '+' || (i % 1500) || ' days')
      FROM n;
  `);
  db.close();
  // Renamed only when complete, so an interrupted run never leaves a half-built fixture.
  renameSync(tmp, file);
  return file;
}

export async function run({ flags }) {
  ensureBuilt({
    filter: '@refmcp/server-sqlite',
    output: OURS_BUILT,
    sources: path.join(SERVER_DIR, 'src'),
    force: flags.build,
  });
  const file = ensureFixture();
  const officialBin = await sqlitePort();

  const rows = [];
  const details = [];
  const meta = {
    fixture: { file, rows: ROWS },
    ours: '@refmcp/server-sqlite (servers/sqlite/dist)',
    official: officialBin ? `${OFFICIAL_PKG}@${OFFICIAL_VERSION}` : 'not installed',
    direct: 'better-sqlite3 in this process: prepare, run, JSON.stringify',
    node: process.version,
  };

  log('  connecting…');
  const pids = {};
  /** Connects as a host does, noting the server's pid (for its CPU time, on Linux). */
  const connect = async (side, args) => {
    const server = await connectStdio({ args, label: side });
    pids[side] = server.pid;
    return listLikeAHost(server);
  };
  const ours = await connect('ours', [OURS_BIN, file]);
  const off = officialBin ? await connect('official', [officialBin, file]) : undefined;
  const floor = await connect('floor', [FLOOR_BIN, '--sqlite', file, '--sql', SQL_BIG]);
  /** CPU ms each server's own process has used so far (NaN off Linux). */
  const cpuNow = () => ({ ours: cpuMs(pids.ours), floor: cpuMs(pids.floor) });
  const direct = new Database(file, { readonly: true });
  try {
    const cases = [
      {
        id: 'read-10k',
        title: `read_query ${BIG} rows × 7 columns`,
        samples: SAMPLES_BIG,
        directTarget: TARGET.directBig,
        floorTarget: TARGET.floorBig,
        // Its length only: parsing the JSON text would add work ours does not do (our client
        // parses the structured rows as part of the message). The rows are counted once, below.
        floor: async () => (await callTool(floor, 'rows', {})).text.length,
        floorRows: async () => JSON.parse((await callTool(floor, 'rows', {})).text).length,
        ours: async () =>
          (await callTool(ours, 'read_query', { query: SQL_BIG, max_rows: BIG })).structured.rowCount,
        official: async () => JSON.parse((await callTool(off, 'read_query', { query: SQL_BIG })).text).length,
        direct: async () => {
          const result = direct.prepare(SQL_BIG).all();
          JSON.stringify(result);
          return result.length;
        },
      },
      {
        id: 'point-lookup',
        title: 'read_query by primary key',
        samples: SAMPLES_SMALL,
        warmup: WARMUP_SMALL,
        floor: async () => (await callTool(floor, 'noop', {})).text.length,
        ours: async () =>
          (await callTool(ours, 'read_query', { query: SQL_POINT, params: [LOOKUP_ID] })).structured.rowCount,
        // The port has no parameters: the value goes into the SQL text.
        official: async () =>
          JSON.parse(
            (await callTool(off, 'read_query', { query: SQL_POINT.replace('?', String(LOOKUP_ID)) })).text,
          ).length,
        direct: async () => {
          const row = direct.prepare(SQL_POINT).get(LOOKUP_ID);
          JSON.stringify(row);
          return row ? 1 : 0;
        },
      },
      {
        id: 'big-cell',
        run: () =>
          bigCell({ suite: name, oursBin: OURS_BIN, flags, file, ours, off, officialBin, rows, details }),
      },
    ];

    for (const spec of cases) {
      if (!selected(flags, spec.id)) continue;
      if (spec.run) {
        await spec.run();
        continue;
      }
      const samples = sampleCount(flags, spec.samples);
      const cpuBefore = cpuNow();
      const res = await interleave(
        {
          ours: spec.ours,
          official: off ? spec.official : undefined,
          direct: spec.direct,
          floor: spec.floor,
        },
        { samples, warmup: spec.warmup ?? 1 },
      );
      const cpuAfter = cpuNow();
      const counts = { ours: res.ours.last, official: res.official?.last, direct: res.direct.last };
      if (spec.floorRows) counts.floor = await spec.floorRows();
      const check = countCell(counts);
      const sampleLists = Object.fromEntries(Object.entries(res).map(([k, v]) => [k, v.samples]));
      const min = Object.fromEntries(Object.entries(res).map(([k, v]) => [k, Math.min(...v.samples)]));
      if (spec.floorTarget) {
        const row = makeRow({
          suite: name,
          id: `${spec.id} vs floor`,
          title: `${spec.title} (vs a bare SDK v2 server, query in process, rows as JSON text)`,
          ours: res.ours.median,
          base: res.floor.median,
          baseName: 'bare SDK v2, stdio',
          target: spec.floorTarget,
          samples,
          check,
        });
        rows.push(row);
        const direct = res.direct.median;
        log(
          `  ${row.id}: ours ${row.ours.toFixed(1)} ms, floor ${row.base.toFixed(1)} ms (floor / direct ${(row.base / direct).toFixed(2)}×)`,
        );
        const calls = samples + (spec.warmup ?? 1);
        const perCall = (side) => (cpuAfter[side] - cpuBefore[side]) / calls;
        const cpu = makeRow({
          suite: name,
          id: `${spec.id} main-process CPU vs floor`,
          title: `${spec.title}: CPU ms of the server process per call, workers aside (vs the bare SDK v2 server)`,
          ours: perCall('ours'),
          base: perCall('floor'),
          baseName: 'bare SDK v2, stdio',
          target: TARGET.mainCpuBig,
          samples,
          check,
        });
        if (!hasProc()) cpu.status = 'needs Linux /proc';
        rows.push(cpu);
        log(`  ${cpu.id}: ours ${cpu.ours.toFixed(1)} ms, floor ${cpu.base.toFixed(1)} ms`);
      } else if (spec.floor) {
        const row = makeRow({
          suite: name,
          id: `${spec.id} overhead vs floor`,
          title: `${spec.title}: ms above direct (vs a bare SDK v2 no-op call)`,
          ours: res.ours.median - res.direct.median,
          base: res.floor.median,
          baseName: 'bare SDK v2, stdio',
          target: TARGET.overheadVsFloor,
          samples,
          check,
        });
        rows.push(row);
        log(`  ${row.id}: ours adds ${row.ours.toFixed(3)} ms, a floor call takes ${row.base.toFixed(3)} ms`);
      }
      const bases = [
        ['direct', spec.directTarget],
        ['official', TARGET.official],
      ];
      for (const [base, target] of bases.filter(([, t]) => t !== undefined)) {
        const row = makeRow({
          suite: name,
          id: `${spec.id} vs ${base}`,
          title: `${spec.title} (vs ${base})`,
          ours: res.ours.median,
          base: res[base]?.median,
          baseName: base === 'direct' ? 'better-sqlite3' : OFFICIAL_PKG,
          target,
          samples,
          check,
        });
        if (base === 'official' && !off) row.note = 'official port not installed';
        rows.push(row);
        log(
          `  ${row.id}: ours ${row.ours.toFixed(2)} ms, ${base} ${Number.isFinite(row.base) ? row.base.toFixed(2) : '–'} ms`,
        );
      }
      details.push({ id: spec.id, counts, min, samples: sampleLists });
    }
  } finally {
    direct.close();
    await floor.close();
    await ours.close();
    await off?.close();
  }
  return { rows, details, meta };
}
