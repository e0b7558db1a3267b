#!/usr/bin/env node
/**
 * `pnpm demo`: a short, real MCP session against each built server, on throwaway data.
 *
 * For every demo below: prepare a temp folder, spawn the server's built binary over stdio, connect
 * the official SDK client, list the tools, then call each step's tool and print `→ tool {args}`
 * with the first lines of the result. A step whose tool the server does not have is reported as
 * "(not available)" and skipped. The oauth demo (demo-oauth.mjs) runs its own HTTP session with
 * a real authorization server. The exit code is 1 if a call fails unexpectedly.
 *
 *   node tooling/scripts/demo.mjs               every demo
 *   node tooling/scripts/demo.mjs filesystem    only the named ones
 *
 * `pnpm demo` builds first; this script never builds.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import oauthDemo from './demo-oauth.mjs';
import sqliteDemo from './demo-sqlite.mjs';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const SHOWN_LINES = 8;
const SHOWN_WIDTH = 100;

/**
 * @typedef {object} Step
 * @property {string} tool
 * @property {Record<string, unknown>} args
 * @property {boolean} [expectError] the call is meant to be refused (shows the server's guard rails)
 *
 * @typedef {object} Demo
 * @property {string} name
 * @property {string} bin the built entry point, relative to the repository root
 * @property {(dir: string) => Promise<{ args: string[], env?: Record<string, string>, steps: Step[] }>} prepare
 *   fills the temp folder `dir` and returns the server's arguments and the calls to make
 *
 * @typedef {object} ScriptedDemo a demo that runs its own session (e.g. over HTTP with OAuth)
 * @property {string} name
 * @property {(helpers: { view: typeof view }) => Promise<number>} run returns its failures
 */

/** @type {Array<Demo | ScriptedDemo>} Add a server here: a bin, some data, a few calls. */
const DEMOS = [
  {
    name: 'filesystem',
    bin: 'servers/filesystem/dist/index.js',
    async prepare(dir) {
      await writeFiles(dir, {
        'README.md': '# Demo project\n\nA tiny project for the refmcp demo.\n',
        'src/greet.ts': "export function greet(name: string): string {\n  return 'Hello, ' + name;\n}\n",
        'src/math.ts':
          'export const add = (a: number, b: number) => a + b;\n// TODO: subtract, multiply\nexport const PI = 3.14159;\n',
        'notes/ideas.txt': 'A server for SQLite.\nA server for GitHub.\n',
      });
      return {
        args: [dir],
        steps: [
          { tool: 'list_allowed_directories', args: {} },
          {
            tool: 'write_file',
            args: { path: 'notes/todo.md', content: '# Todo\n\n- write tests\n- ship it\n- celebrate\n' },
          },
          { tool: 'read_text_file', args: { path: 'notes/todo.md', head: 3 } },
          {
            tool: 'edit_file',
            args: { path: 'src/greet.ts', edits: [{ oldText: 'Hello', newText: 'Hi' }], dryRun: true },
          },
          { tool: 'list_directory', args: { path: '.' } },
          { tool: 'search_files', args: { path: '.', pattern: '*.ts' } },
          { tool: 'search_content', args: { path: '.', pattern: 'TODO' } },
          { tool: 'get_file_info', args: { path: 'README.md' } },
          { tool: 'directory_tree', args: { path: '.' } },
          { tool: 'read_text_file', args: { path: '../outside.txt' }, expectError: true },
        ],
      };
    },
  },
  sqliteDemo,
  oauthDemo,
];

/** Writes files from a map of relative path to content, creating directories as needed. */
async function writeFiles(root, files) {
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(root, name);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
  }
}

/** One line: long values are cut so a call fits on the screen. */
function clip(text, width = SHOWN_WIDTH) {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}

/** Wraps a long line at spaces, indenting every line. */
function wrap(text, indent) {
  const lines = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && indent.length + line.length + word.length + 1 > SHOWN_WIDTH) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  lines.push(line);
  return lines.map((l) => indent + l).join('\n');
}

/** The first lines of what the model would read, indented under the call. */
function view(result) {
  const parts = (result.content ?? []).map((block) =>
    block.type === 'text' ? block.text : `[${block.type}${block.mimeType ? ` ${block.mimeType}` : ''}]`,
  );
  const lines = parts.join('\n').replace(/\n+$/, '').split('\n');
  const shown = lines.slice(0, SHOWN_LINES).map((line) => `    ${clip(line)}`);
  const more = lines.length - SHOWN_LINES;
  if (more > 0) shown.push(`    … (${more} more line${more === 1 ? '' : 's'})`);
  return shown.join('\n');
}

/** Runs one demo; returns the number of unexpected failures. */
async function run(demo) {
  if ('run' in demo) return demo.run({ view });
  const bin = path.join(REPO, demo.bin);
  if (!existsSync(bin)) {
    console.error(`${demo.name}: ${demo.bin} is missing. Build first: pnpm build (pnpm demo does).`);
    return 1;
  }
  const dir = await realpath(await mkdtemp(path.join(tmpdir(), `refmcp-demo-${demo.name}-`)));
  let client;
  let stderr = '';
  let failures = 0;
  try {
    const { args, env, steps } = await demo.prepare(dir);
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [bin, ...args],
      ...(env && { env: { PATH: process.env.PATH ?? '', ...env } }),
      stderr: 'pipe',
    });
    transport.stderr?.on('data', (chunk) => {
      stderr += chunk.toString('utf8');
    });
    client = new Client({ name: 'refmcp-demo', version: '0.0.0' });
    await client.connect(transport);

    const server = client.getServerVersion();
    const { tools } = await client.listTools();
    const available = new Set(tools.map((tool) => tool.name));
    console.log(`\n${demo.name}: ${server?.name} ${server?.version} on ${dir}`);
    console.log(wrap(`${tools.length} tools: ${tools.map((tool) => tool.name).join(', ')}`, '  '));
    console.log();

    for (const step of steps) {
      console.log(`→ ${step.tool} ${clip(JSON.stringify(step.args), SHOWN_WIDTH - step.tool.length)}`);
      if (!available.has(step.tool)) {
        console.log('    (not available)');
        continue;
      }
      let result;
      try {
        result = await client.callTool({ name: step.tool, arguments: step.args });
      } catch (error) {
        // A protocol error (bad arguments for the schema, a crash): always unexpected.
        console.log(`    ✗ ${error instanceof Error ? error.message : String(error)}`);
        failures++;
        continue;
      }
      const isError = result.isError === true;
      if (isError && !step.expectError) {
        console.log(`    ✗ unexpected error:\n${view(result)}`);
        failures++;
      } else if (!isError && step.expectError) {
        console.log(`    ✗ expected an error, got:\n${view(result)}`);
        failures++;
      } else {
        console.log(isError ? `    refused, as it should be:\n${view(result)}` : view(result));
      }
    }
  } catch (error) {
    console.error(`${demo.name}: ${error instanceof Error ? error.message : String(error)}`);
    if (stderr) console.error(`server stderr:\n${stderr}`);
    failures++;
  } finally {
    await client?.close().catch(() => {});
    await rm(dir, { recursive: true, force: true });
  }
  return failures;
}

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !DEMOS.some((demo) => demo.name === name));
if (unknown.length > 0) {
  console.error(`Unknown demo: ${unknown.join(', ')}. Known: ${DEMOS.map((demo) => demo.name).join(', ')}.`);
  process.exit(2);
}
let failures = 0;
for (const demo of DEMOS.filter((d) => wanted.length === 0 || wanted.includes(d.name))) {
  failures += await run(demo);
}
console.log(
  failures === 0 ? '\nDemo finished: every call behaved.' : `\nDemo finished with ${failures} failure(s).`,
);
process.exitCode = failures === 0 ? 0 : 1;
