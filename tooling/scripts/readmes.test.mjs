import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

// Every Markdown file a user may copy a command from, outside dependencies and build output.
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

async function markdownFiles(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await markdownFiles(full)));
    else if (entry.name.endsWith('.md')) out.push(full);
  }
  return out;
}

it('runs every npx command with -y, so a first run never stops at a prompt nobody sees', async () => {
  const problems = [];
  for (const file of await markdownFiles(ROOT)) {
    const text = await readFile(file, 'utf8');
    const where = (index) => `${path.relative(ROOT, file)}:${text.slice(0, index).split('\n').length}`;
    // A command in a code block or a code span: `npx` followed by a package or flag.
    for (const code of text.matchAll(/```[^\n]*\n[\s\S]*?```|`[^`\n]+`/g)) {
      for (const match of code[0].matchAll(/(^|[\s`(=])npx (?!-y\b)(-p |-?[\w@])/gm)) {
        problems.push(`${where(code.index + match.index)}: ${match[0].trim()}`);
      }
    }
    // A host config: "command": "npx" with args that do not start with "-y".
    for (const match of text.matchAll(/"command":\s*"npx",\s*"args":\s*\[\s*("[^"]*")?/g)) {
      if (match[1] !== '"-y"') problems.push(`${where(match.index)}: args start with ${match[1]}`);
    }
  }
  expect(problems).toEqual([]);
});
