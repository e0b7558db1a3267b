/**
 * Where per-user upstream tokens live: one linked account per (provider, caller), and the short-lived
 * link tickets and OAuth states of flows in progress. Token values arrive sealed (keyring.ts); a
 * store never sees a token in the clear. Two implementations: SQLite for one host, PostgreSQL for
 * several hosts behind a balancer (any instance may serve the callback of a flow another started).
 */
export interface LinkRecord {
  provider: string;
  subject: string;
  /** The sealed token set (access token, refresh token, expiry). */
  sealed: string;
  /** The upstream account, e.g. a GitHub login: recorded in the audit log. */
  login: string;
  /** Scopes the upstream granted, as it reported them. */
  scopes: string[];
  updatedAt: number;
}

export type PendingKind = 'ticket' | 'state';

export interface PendingRecord {
  kind: PendingKind;
  provider: string;
  subject: string;
  /** Sealed flow data (requested scopes, PKCE verifier, browser binding). */
  sealed: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

export interface TokenStore {
  getLink(provider: string, subject: string): Promise<LinkRecord | undefined>;
  putLink(record: LinkRecord): Promise<void>;
  /** True when there was a link to remove. */
  deleteLink(provider: string, subject: string): Promise<boolean>;
  /** `key` is a digest of the ticket or state, never the value the browser carries. */
  putPending(key: string, record: PendingRecord): Promise<void>;
  /**
   * Removes and returns the record in one step, so a state is honoured at most once even when two
   * instances receive the same callback. Expired or unknown: undefined.
   */
  takePending(key: string, kind: PendingKind, now: number): Promise<PendingRecord | undefined>;
  /** The record without removing it (the consent page shows what a ticket asks for). */
  peekPending(key: string, kind: PendingKind, now: number): Promise<PendingRecord | undefined>;
  close(): Promise<void>;
}

/** The tables both stores create; column types are written per dialect. */
export const LINKS_TABLE = 'refmcp_upstream_links';
export const PENDING_TABLE = 'refmcp_upstream_pending';

/** A link as both stores keep it: scopes as JSON text, time as a number (PostgreSQL's BIGINT reads as text). */
export interface LinkRow {
  provider: string;
  subject: string;
  sealed: string;
  login: string;
  scopes: string;
  updated_at: number | string;
}

export interface PendingRow {
  provider: string;
  subject: string;
  sealed: string;
  expires_at: number | string;
}

export function linkFromRow(row: LinkRow): LinkRecord {
  return {
    provider: row.provider,
    subject: row.subject,
    sealed: row.sealed,
    login: row.login,
    scopes: JSON.parse(row.scopes) as string[],
    updatedAt: Number(row.updated_at),
  };
}

/** The values of a link's row, in the stores' column order. */
export function linkValues(record: LinkRecord): [string, string, string, string, string, number] {
  return [
    record.provider,
    record.subject,
    record.sealed,
    record.login,
    JSON.stringify(record.scopes),
    record.updatedAt,
  ];
}

/** A pending entry from its row, or undefined when there is none or it has expired. */
export function pendingFromRow(
  row: PendingRow | undefined,
  kind: PendingKind,
  now: number,
): PendingRecord | undefined {
  if (!row || Number(row.expires_at) < now) return undefined;
  return {
    kind,
    provider: row.provider,
    subject: row.subject,
    sealed: row.sealed,
    expiresAt: Number(row.expires_at),
  };
}
