import type { SqliteDatabase } from './databases.js';
import type { Impact, Params } from './db/protocol.js';

/**
 * What the user is asked about before a write runs: what the engine says the statements destroy
 * (write_query and write_batch ask the same way, from the same runner op).
 */
export async function impactOf(
  db: SqliteDatabase,
  sql: string,
  params: Params,
  signal?: AbortSignal,
): Promise<Impact[]> {
  const { impact } = await db.pool.read<{ impact: Impact[] }>({ op: 'impact', sql, params }, signal);
  return impact;
}

const IMPACT_WORDS: Record<Impact, string> = {
  delete: 'deletes rows',
  drop: 'drops a table, view, index or trigger',
  alter: 'alters a table',
};

export function impactWords(impact: readonly Impact[]): string {
  return impact.map((i) => IMPACT_WORDS[i]).join(' and ');
}

/** The SQL on one line, cut at 200 characters: enough for the user to recognise it. */
export function shownSql(sql: string): string {
  const line = sql.replace(/\s+/g, ' ').trim();
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}
