import path from 'node:path';
import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { defineTool, type FsContext } from '../deps.js';
import { type EntryType, walk } from '../fs/walk.js';
import { entryTypeSchema, resolveDirectory, walkContext, walkFields } from '../fs/walk-input.js';

export interface TreeNode {
  name: string;
  type: EntryType;
  /** Present on a directory that was listed; absent when it was not expanded (depth or entry limit). */
  children?: TreeNode[];
}

const treeNode: z.ZodType<TreeNode> = z.object({
  name: z.string(),
  type: entryTypeSchema,
  get children() {
    return z.array(treeNode).optional();
  },
});

/** Directories first; the walk already delivered each directory's entries in name order. */
function orderChildren(node: TreeNode): void {
  if (!node.children) return;
  const dirs = node.children.filter((c) => c.type === 'directory');
  if (dirs.length > 0 && dirs.length < node.children.length) {
    node.children = [...dirs, ...node.children.filter((c) => c.type !== 'directory')];
  }
  for (const dir of dirs) orderChildren(dir);
}

function renderTree(node: TreeNode, indent: string, out: string[]): void {
  for (const child of node.children ?? []) {
    if (child.type === 'directory') {
      out.push(`${indent}${child.name}/${child.children ? '' : ' …'}`);
      renderTree(child, `${indent}  `, out);
    } else {
      out.push(`${indent}${child.name}${child.type === 'file' ? '' : ` (${child.type})`}`);
    }
  }
}

export default defineTool({
  name: 'directory_tree',
  title: 'Directory tree',
  description:
    "Recursive tree of a directory, breadth-first, up to maxEntries entries. Skips node_modules, .* directories and .gitignore'd paths by default (see includeHiddenDirs, respectGitignore, defaultExcludes). Symlinks are shown, not followed. A directory shown without children was not expanded (maxDepth or maxEntries).",
  inputSchema: z.object({
    path: z.string(),
    ...walkFields,
    maxEntries: z.number().int().min(1).max(100_000).default(2000).describe('Most entries returned'),
  }),
  outputSchema: z.object({
    path: z.string(),
    tree: treeNode,
    entries: z.number().describe('Entries, root not counted'),
    truncated: z.boolean().describe('More entries exist'),
  }),
  annotations: readOnly({ openWorld: false }),
  handler: async (input, ctx: FsContext) => {
    const real = await resolveDirectory(ctx, input.path);
    const tree: TreeNode = { name: path.basename(real) || real, type: 'directory' };
    const dirs = new Map<string, TreeNode>([['', tree]]);
    let entries = 0;
    let truncated = false;
    await walk(
      real,
      {
        ...walkContext(ctx, real, input),
        onDirectory: (rel) => {
          const node = dirs.get(rel);
          if (node) node.children = [];
        },
      },
      (entry) => {
        if (entries === input.maxEntries) {
          // The walk only hands over entries that would be shown, so one more means truncated.
          truncated = true;
          return false;
        }
        entries++;
        const node: TreeNode = { name: entry.name, type: entry.type };
        if (entry.type === 'directory') dirs.set(entry.rel, node);
        dirs.get(entry.parentRel)!.children!.push(node);
        return undefined;
      },
    );
    orderChildren(tree);
    return { path: real, tree, entries, truncated };
  },
  render: ({ path: root, tree, entries, truncated }) => {
    const out = [`${root}/`];
    renderTree(tree, '  ', out);
    if (entries === 0) out.push('  (empty)');
    if (truncated) {
      out.push(
        `[Stopped at ${entries} entries. Pass a deeper path, maxDepth, excludePatterns or a higher maxEntries.]`,
      );
    }
    return out.join('\n');
  },
});
