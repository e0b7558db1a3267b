import * as z from 'zod';
import { text } from './sanitize.js';

export const labelOut = z.object({ name: z.string(), color: z.string(), description: z.string().nullable() });

export const trimLabel = (l: { name: string; color: string; description: string | null }) => ({
  name: l.name,
  color: l.color,
  description: text(l.description),
});
