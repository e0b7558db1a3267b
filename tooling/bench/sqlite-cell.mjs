// The SQLite suite's 40 MB cell (`hex(zeroblob(20000000))`), ours against the npm port of the
// official server: the time per call, and the peak memory of a fresh server running it once.
import { BenchError, callTool, connectStdio, interleave, log, makeRow, sampleCount } from './lib.mjs';
import { SQLITE_PORT as OFFICIAL_PKG } from './peers.mjs';
import { hasProc, peakRss, treePeakRss } from './proc.mjs';

const SAMPLES = { full: 5, quick: 2 };

/**
 * Ours sends 64 KiB of the cell (--max-cell-bytes), the port all of it. Ours must answer in at
 * most half the port's time; its server process, which every call goes through, must peak at
 * most half as high as the port's one process; and all its processes together (server, two
 * readers, one holding the value) at most 1.2× the port's.
 */
const TARGET = { time: 0.5, rssServer: 0.5, rssAll: 1.2 };

/** One text cell of 40,000,000 characters, built by SQLite: no table needed. */
const SQL_CELL = 'SELECT hex(zeroblob(20000000)) AS big';
const CELL_CHARS = 40_000_000;

/**
 * Starts a fresh server, runs one query to start it up, then `work`, and returns the peak RSS of
 * the server with everything it started (ours: its worker processes too). Undefined off Linux.
 */
async function peakRssOf(label, args, warm, work) {
  if (!hasProc()) return undefined;
  const server = await connectStdio({ args, label });
  try {
    const { pid } = server;
    await warm(server);
    if (!pid) return undefined;
    const idle = treePeakRss(pid);
    await work(server);
    return { idle, server: peakRss(pid), all: treePeakRss(pid) };
  } finally {
    await server.close();
  }
}

const MB = 1024 * 1024;

/** `ours 10000 / official 10000`: one figure per side, `–` where a side has none. */
export const countCell = (counts) =>
  Object.entries(counts)
    .map(([side, n]) => `${side} ${n ?? '–'}`)
    .join(' / ');

/**
 * One 40 MB text cell (`hex(zeroblob(20000000))`), ours against the npm port: time per call on
 * the running servers, then the peak RSS of a fresh server of each side running it once.
 */
export async function bigCell({ suite, oursBin, flags, file, ours, off, officialBin, rows, details }) {
  const samples = sampleCount(flags, SAMPLES);
  const oursCall = async () => {
    const { structured } = await callTool(ours, 'read_query', { query: SQL_CELL });
    const cell = structured.rows[0][0];
    if (!cell.endsWith(`of ${CELL_CHARS} bytes]`))
      throw new BenchError(`ours: no cut marker in ${cell.slice(-60)}`);
    return cell.length;
  };
  const offCall = async () =>
    JSON.parse((await callTool(off, 'read_query', { query: SQL_CELL })).text)[0].big.length;
  const res = await interleave(
    { ours: oursCall, official: off ? offCall : undefined },
    { samples, warmup: 1 },
  );
  const check = `chars: ${countCell({ ours: res.ours.last, official: res.official?.last })}`;
  const time = makeRow({
    suite,
    id: 'big-cell time vs official',
    title: 'read_query one 40 MB cell (vs official)',
    ours: res.ours.median,
    base: res.official?.median,
    baseName: OFFICIAL_PKG,
    target: TARGET.time,
    samples,
    check,
  });
  if (!off) time.note = 'official port not installed';
  rows.push(time);
  log(
    `  big-cell: ours ${time.ours.toFixed(0)} ms, official ${Number.isFinite(time.base) ? time.base.toFixed(0) : '–'} ms`,
  );

  const warm = (server) => callTool(server, 'read_query', { query: 'SELECT 1 AS one' });
  const oursRss = await peakRssOf('ours (fresh)', [oursBin, file], warm, (s) =>
    callTool(s, 'read_query', { query: SQL_CELL }),
  );
  const offRss = officialBin
    ? await peakRssOf('official (fresh)', [officialBin, file], warm, (s) =>
        callTool(s, 'read_query', { query: SQL_CELL }),
      )
    : undefined;
  const mb = (bytes) => (bytes === undefined ? Number.NaN : bytes / MB);
  const idle = `idle MB: ${countCell({ ours: oursRss && Math.round(mb(oursRss.idle)), official: offRss && Math.round(mb(offRss.idle)) })}`;
  for (const [id, label, key, target] of [
    ['big-cell peak RSS server vs official', 'the server process', 'server', TARGET.rssServer],
    ['big-cell peak RSS all vs official', 'server and workers', 'all', TARGET.rssAll],
  ]) {
    const rss = makeRow({
      suite,
      id,
      title: `read_query one 40 MB cell: peak RSS of ${label}, MB (vs official; not ms)`,
      ours: mb(oursRss?.[key]),
      // The port is one process: its server and its whole are the same.
      base: mb(offRss?.all),
      baseName: OFFICIAL_PKG,
      target,
      samples: 1,
      check: idle,
    });
    if (!oursRss) rss.status = 'needs Linux /proc';
    rows.push(rss);
    log(
      `  ${id}: ours ${rss.ours.toFixed(0)} MB, official ${Number.isFinite(rss.base) ? rss.base.toFixed(0) : '–'} MB`,
    );
  }
  const min = Object.fromEntries(Object.entries(res).map(([k, v]) => [k, Math.min(...v.samples)]));
  details.push({
    id: 'big-cell',
    sql: SQL_CELL,
    counts: { ours: res.ours.last, official: res.official?.last },
    min,
    samples: Object.fromEntries(Object.entries(res).map(([k, v]) => [k, v.samples])),
    peakRssBytes: { ours: oursRss, official: offRss },
  });
}
