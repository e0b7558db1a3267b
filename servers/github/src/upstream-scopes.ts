import type { AnyTool } from '@refmcp/core';
import { grantedScopes, TOOL_SCOPES } from './scopes.js';

/**
 * The classic OAuth scope a tool needs when each caller links their own GitHub account: the first
 * of the scopes scopes.ts lists for it (the one to ask for), so one list serves a shared classic
 * token and per-user grants alike. Reading public data needs none; GitHub answers what a scope
 * hides as 404, which the tools report.
 */
export function scopesFor<Deps>(tool: AnyTool<Deps>): string[] {
  const accepted = TOOL_SCOPES[tool.name] ?? [];
  return accepted.length === 0 ? [] : [accepted[0] as string];
}

/** Whether a user's grant covers `needed`, counting the scopes GitHub documents as included. */
export function grants(granted: readonly string[], needed: string): boolean {
  return grantedScopes(granted).has(needed);
}

/** Asked for when a user first links; a tool that needs more asks to step up. */
export const DEFAULT_SCOPES = ['repo', 'read:org'];
