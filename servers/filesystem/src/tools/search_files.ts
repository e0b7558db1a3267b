import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { defineTool, type FsContext } from '../deps.js';
import { compileSearchPattern } from '../fs/match.js';
import { walk } from '../fs/walk.js';
import { resolveDirectory, walkContext, walkFields } from '../fs/walk-input.js';

export default defineTool({
  name: 'search_files',
  title: 'Search files by name',
  description:
    'Find files and directories by name, recursively. pattern is a glob: with "/" it matches the path from `path` (src/**/*.ts), without it the name at any depth (*.ts); plain text matches names containing it, any case. Skips node_modules, .* directories and .gitignore\'d paths by default; symlinks are not followed. Absolute paths, shallowest first. For text inside files: search_content.',
  inputSchema: z.object({
    path: z.string(),
    pattern: z.string().describe('Glob (**/*.ts, *.md) or a name fragment'),
    ...walkFields,
    maxResults: z.number().int().min(1).max(100_000).default(500).describe('Most paths returned'),
  }),
  outputSchema: z.object({
    matches: z.array(z.string()).describe('absolute paths'),
    truncated: z.boolean().describe('More matches exist'),
  }),
  annotations: readOnly({ openWorld: false }),
  handler: async (input, ctx: FsContext) => {
    const matches = compileSearchPattern(input.pattern);
    const real = await resolveDirectory(ctx, input.path);
    const found: string[] = [];
    let truncated = false;
    await walk(
      real,
      {
        ...walkContext(ctx, real, input),
      },
      (entry) => {
        if (!matches(entry.rel, entry.name, entry.type === 'directory')) return undefined;
        if (found.length === input.maxResults) {
          truncated = true;
          return false;
        }
        found.push(entry.path);
        return undefined;
      },
    );
    return { matches: found, truncated };
  },
  render: ({ matches, truncated }) => {
    if (matches.length === 0) return 'No matches.';
    const text = matches.join('\n');
    return truncated
      ? `${text}\n[Stopped at ${matches.length} matches. Narrow path or pattern, or raise maxResults.]`
      : text;
  },
});
