import * as z from 'zod';
import { countOf } from './format.js';

/** The usergroup shape the usergroup tools return. */
export interface RawUsergroup {
  id: string;
  name?: string;
  handle?: string;
  description?: string;
  user_count?: number;
  users?: string[];
}

export const usergroupSchema = z.object({
  id: z.string(),
  name: z.string(),
  handle: z.string(),
  description: z.string(),
  userCount: z.number(),
  users: z.array(z.string()).optional(),
});

export const toUsergroup = (g: RawUsergroup) => ({
  id: g.id,
  name: g.name ?? '',
  handle: g.handle ?? '',
  description: g.description ?? '',
  userCount: g.user_count ?? g.users?.length ?? 0,
  ...(g.users && { users: g.users }),
});

export const renderUsergroup = (g: z.output<typeof usergroupSchema>) =>
  `@${g.handle} ${g.id} ${g.name} (${countOf(g.userCount, 'member')})${g.description ? ` ${g.description}` : ''}` +
  (g.users ? `: ${g.users.join(', ')}` : '');
