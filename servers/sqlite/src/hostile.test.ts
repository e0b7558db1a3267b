import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { Client } from '@modelcontextprotocol/client';
import {
  callTool,
  connectHttp,
  MAIN_THREAD_CPU_BUDGET_MS,
  spawnHttpBin,
  spawnStdio,
  underPressure,
} from '@refmcp/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeDatabase, SEED } from './test-helpers.js';

/**
 * Hostile input against the built binary, as a server shared by many users meets it: one call
 * that asks for too much must come back bounded (or refused, naming the cap and its flag) while
 * the server keeps answering everyone else, and must leave nothing running behind it.
 */
const BIN = fileURLToPath(new URL('../dist/index.js', import.meta.url));

/**
 * A query timeout no test reaches: only cancellation or the tool timeout can end a runaway
 * statement here, so one that kept running would hold its worker for the rest of the suite.
 */
const ARGS = ['--query-timeout', '600000', '--tool-timeout', '10000', '--readers', '2'];
const READERS = 2;

/** With the CPU budget of the server's main thread, the bound every attack must keep. */
const MAX_RSS_BYTES = 200 * 1024 * 1024;

/** Counting to a billion takes SQLite minutes, inside one native call. */
const RUNAWAY =
  'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1e9) SELECT count(*) FROM n';
const THOUSAND_BYTE_ROWS =
  "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000) SELECT i, printf('%.1000c', 'x') AS pad FROM n";
/** A view that runs away: its table resource reads sample rows, which no tool timeout covers. */
const SLOW_VIEW = `CREATE VIEW slow AS ${RUNAWAY}`;
/** 70 cells of 70,000 bytes: each is cut to 64 KiB, and the row is still over 4 MiB. */
const WIDE_ROW = `SELECT ${Array.from({ length: 70 }, (_, i) => `printf('%.70000c', 'x') AS c${i}`).join(', ')}`;

interface Rows {
  rows: unknown[][];
  rowCount: number;
  truncated: boolean;
  nextCursor?: string;
  notice?: string;
}

interface Served {
  client: Client;
  pid: number | null | undefined;
  close(): Promise<void>;
}

const TRANSPORTS: Record<string, (args: string[]) => Promise<Served>> = {
  stdio: async (args) => {
    const server = await spawnStdio({ command: process.execPath, args: [BIN, ...args] });
    return { client: server.client, pid: server.pid, close: () => server.close() };
  },
  http: async (args) => {
    const http = await spawnHttpBin({ command: process.execPath, args: [BIN, ...args] });
    const client = await connectHttp(http.url, 'legacy');
    return {
      client,
      pid: http.pid,
      close: async () => {
        await client.close().catch(() => {});
        // SIGTERM: the server closes its pool, killing its workers; a SIGKILLed server would leave
        // a busy worker running its statement to the end.
        await http.stop();
      },
    };
  },
};

describe.each(Object.keys(TRANSPORTS))('hostile input over %s', (transport) => {
  // A fresh server per attack: the peak memory it reports is that attack's alone.
  let served: Served | undefined;
  let db: ReturnType<typeof makeDatabase>;
  beforeEach(() => {
    db = makeDatabase(`${SEED}\n${SLOW_VIEW};`);
  });
  afterEach(async () => {
    try {
      await served?.close();
    } finally {
      served = undefined;
      db.cleanup();
    }
  });

  /**
   * Runs one attack while pinging and checks the shared bounds. Then the same session runs one
   * normal read per reader process at once: each completes only if no statement of the attack
   * still holds a reader (with the 10-minute query timeout, a leftover would hold it for good).
   */
  async function attack<T>(work: (client: Client) => Promise<T>, args = ARGS): Promise<T> {
    served = await TRANSPORTS[transport]!([...args, db.file]);
    const { client, pid } = served;
    const pressure = await underPressure(client, pid, () => work(client));
    if (!pressure.outcome.ok) throw pressure.outcome.error;
    expect(pressure.mainThreadCpuMs).toBeLessThan(MAIN_THREAD_CPU_BUDGET_MS);
    expect(pressure.peakRssBytes ?? 0).toBeLessThan(MAX_RSS_BYTES);
    const after = await Promise.all(
      Array.from({ length: READERS }, () =>
        callTool(client, 'read_query', { query: 'SELECT count(*) AS n FROM customers' }),
      ),
    );
    for (const out of after) expect(out.structured, out.text).toMatchObject({ rows: [[3]] });
    return pressure.outcome.value;
  }

  it('cuts a 40 MB cell at --max-cell-bytes and says how long it was', async () => {
    const out = await attack((client) =>
      callTool<Rows>(client, 'read_query', { query: 'SELECT hex(zeroblob(20000000)) AS big' }),
    );
    expect(out.isError, out.text).toBe(false);
    const cell = String(out.structured!.rows[0]![0]);
    expect(cell.length).toBeLessThan(65_536 + 100);
    expect(cell.startsWith('0000')).toBe(true);
    expect(cell.endsWith('…[cut: 65536 of 40000000 bytes]')).toBe(true);
    expect(out.structured?.notice).toMatch(/1 cell .*64 KiB.*--max-cell-bytes/);
    expect(out.text).toContain(String(out.structured?.notice));
  });

  it('stops 10,000 rows of 1 KB at --max-result-bytes, with a cursor for the rest', async () => {
    const out = await attack((client) =>
      callTool<Rows>(client, 'read_query', { query: THOUSAND_BYTE_ROWS, max_rows: 10_000 }),
    );
    expect(out.isError, out.text).toBe(false);
    const page = out.structured!;
    expect(page.truncated).toBe(true);
    expect(page.rowCount).toBeGreaterThan(1000);
    expect(page.rowCount).toBeLessThan(10_000);
    expect(out.structured?.notice).toMatch(/4 MiB.*--max-result-bytes/);
    expect(out.text).toContain(page.nextCursor);
    const next = await callTool<Rows>(served!.client, 'read_query', {
      query: THOUSAND_BYTE_ROWS,
      max_rows: 10_000,
      cursor: page.nextCursor,
    });
    expect(next.structured!.rows[0]![0]).toBe(page.rowCount + 1);
  });

  it('refuses a single row over the result cap, naming the cap and the flag', async () => {
    const out = await attack((client) => callTool(client, 'read_query', { query: WIDE_ROW }));
    expect(out.isError).toBe(true);
    expect(out.text).toMatch(/more than the 4 MiB .*--max-result-bytes/s);
    expect(out.text).not.toMatch(/Internal error/);
  });

  it('stops 12 runaway reads the client cancels, so the next read is not queued behind them', async () => {
    const read = await attack(async (client) => {
      const cancelled = Array.from({ length: 12 }, () => {
        const controller = new AbortController();
        setTimeout(() => controller.abort(), 100);
        return callTool(client, 'read_query', { query: RUNAWAY }, { signal: controller.signal }).then(
          () => 'answered',
          () => 'cancelled',
        );
      });
      expect(await Promise.all(cancelled)).toEqual(Array(12).fill('cancelled'));
      // With a 10-minute query timeout, this completes only if the cancelled statements stopped.
      return callTool(client, 'read_query', { query: 'SELECT 2 AS two' });
    });
    expect(read.structured).toMatchObject({ rows: [[2]] });
  });

  it('refuses a CSV of 10^6 columns, and one line of 20 MB, before holding either in memory', async () => {
    // The header alone is 6.9 MB; every data line 2 MB of commas.
    const header = Array.from({ length: 1_000_000 }, (_, i) => `c${i}`).join(',');
    writeFileSync(path.join(db.dir, 'wide.csv'), `${header}\n${','.repeat(999_999)}\n`);
    writeFileSync(path.join(db.dir, 'long.csv'), `a\n"${'x'.repeat(20_000_000)}"\n`);
    const [wide, long] = await attack(
      (client) =>
        Promise.all([
          callTool(client, 'import_table', { path: 'wide.csv', table: 'wide' }),
          callTool(client, 'import_table', { path: 'long.csv', table: 'long' }),
        ]),
      [...ARGS, '--io-dir', db.dir],
    );
    expect(wide.text).toMatch(
      /^Invalid input: The header line is longer than 256000 characters: more than the 1000 columns .* Nothing was kept\./,
    );
    expect(long.text).toMatch(/^Invalid input: The file cannot be read as CSV: .*record/i);
    const tables = await callTool(served!.client, 'list_tables', {});
    expect(tables.text).not.toMatch(/^(wide|long) /m);
  });

  it('stops reads at the tool timeout even while they wait in line', async () => {
    // Both readers are held for 4 s by table resources of a runaway view (a resource read has no
    // tool timeout; the query timeout ends it). Four reads queued behind them reach the 2 s tool
    // timeout while they wait: they must never start, or they would hold the readers once more.
    const args = ['--query-timeout', '4000', '--tool-timeout', '2000', '--readers', String(READERS)];
    await attack(async (client) => {
      const held = Array.from({ length: READERS }, () =>
        client.readResource({ uri: 'sqlite://table/slow' }).then(
          () => 'read',
          () => 'stopped',
        ),
      );
      await sleep(1000); // the resources reach their sample rows first
      const outs = await Promise.all(
        Array.from({ length: 4 }, () => callTool(client, 'read_query', { query: RUNAWAY })),
      );
      for (const out of outs) expect(out.text).toMatch(/^Timed out: .*2000 ms/);
      expect(await Promise.all(held)).toEqual(Array(READERS).fill('stopped'));
    }, args);
  });
});
