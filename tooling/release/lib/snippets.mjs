/**
 * The install snippets users copy from our READMEs, read from the READMEs themselves so that a
 * README edit is what gets tested: host configs (```json blocks with `mcpServers` or `servers`
 * entries running `npx … @refmcp/server-*`) and shell one-liners (```sh lines running `npx`).
 *
 * They run as written, except for what a user fills in or a host expands, which `prepare` replaces
 * and the report shows: tokens written as `ghp_...` or `xoxb-…`, `$(…)` secrets, the example paths
 * `/Users/me/…` and `/path/to/your/…`, VS Code's `${workspaceFolder}`, and `--port 8080` (another
 * program may hold 8080; the server picks a free port and logs it).
 */
import path from 'node:path';

const FENCE = /^```([\w-]*)[^\n]*\n([\s\S]*?)^```/gm;
const PACKAGE = /@refmcp\/server-[a-z0-9-]+/;
const PLACEHOLDER_VALUE = /(\.\.\.|…)$/;
const EXAMPLE_PATH = /^(\/Users\/me|\/path\/to\/your)(?=\/|$)/;
/** VS Code's variable for the open folder, which the host expands before spawning. */
const WORKSPACE_FOLDER = /\$\{workspaceFolder\}/g;

/** Every snippet in one README. `file` names it in reports (e.g. `servers/sqlite/README.md`). */
export function extractSnippets(markdown, file) {
  const found = [];
  for (const match of markdown.matchAll(FENCE)) {
    const [, lang, body] = match;
    const line = markdown.slice(0, match.index).split('\n').length + 1;
    if (lang === 'json') found.push(...hostSnippets(body, `${file}:${line}`));
    if (['sh', 'bash', 'shell'].includes(lang)) found.push(...shellSnippets(body, file, line));
  }
  return found;
}

function hostSnippets(body, source) {
  if (!PACKAGE.test(body)) return [];
  let config;
  try {
    config = JSON.parse(body);
  } catch (error) {
    throw new Error(
      `${source}: this host config is not valid JSON (${error.message}); users copy it as it is.`,
    );
  }
  const entries = Object.entries({ ...config.mcpServers, ...config.servers });
  return entries
    .filter(([, entry]) => entry.command === 'npx' && entry.args?.some((arg) => PACKAGE.test(arg)))
    .map(([name, entry]) => ({
      source,
      kind: 'host',
      package: packageOf(entry.args.join(' ')),
      name,
      command: entry.command,
      args: entry.args,
      env: entry.env ?? {},
    }));
}

function shellSnippets(body, file, firstLine) {
  const found = [];
  const lines = body.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    let text = lines[i];
    const start = i;
    while (text.endsWith('\\') && i + 1 < lines.length)
      text = `${text.slice(0, -1).trimEnd()} ${lines[++i].trim()}`;
    if (/(^|\s)npx\s/.test(text) && PACKAGE.test(text)) {
      found.push({
        source: `${file}:${firstLine + start}`,
        kind: 'shell',
        package: packageOf(text),
        line: text,
      });
    }
  }
  return found;
}

const packageOf = (text) => text.match(PACKAGE)[0];

/**
 * Turns a snippet into what to run. `ctx`: `home` (HOME, where the example paths land),
 * `workspace` (VS Code's `${workspaceFolder}`) and `values` (a value per environment variable whose
 * README value is a placeholder). Returns `{ command, args, env, words, http, authToken, shown }`: `words` are
 * the server's arguments with paths expanded (for preparing files), `authToken` the MCP_AUTH_TOKEN
 * it sets, `shown` the command as run with secrets masked.
 */
export function prepare(snippet, ctx) {
  const valueFor = (name) => {
    const value = ctx.values[name];
    if (value === undefined) {
      throw new Error(`${name} is a placeholder with no value to use; add one to the dry run.`);
    }
    return value;
  };
  const mapPath = (word) =>
    word
      .replace(WORKSPACE_FOLDER, ctx.workspace)
      .replace(EXAMPLE_PATH, ctx.home)
      .replace(/^~(?=\/|$)/, ctx.home);
  const secrets = new Set();
  if (snippet.kind === 'host') {
    const env = {};
    for (const [name, value] of Object.entries(snippet.env)) {
      env[name] = PLACEHOLDER_VALUE.test(value) ? valueFor(name) : value;
      if (env[name] !== value) secrets.add(env[name]);
    }
    const args = withFreePort(snippet.args.map((arg) => mapPath(arg)));
    const words = serverWords(args);
    const shown = [...Object.entries(env).map(([k, v]) => `${k}=${mask(v, secrets)}`), 'npx', ...args];
    return {
      command: snippet.command,
      args,
      env,
      words,
      http: words.includes('--http'),
      authToken: env.MCP_AUTH_TOKEN,
      shown: shown.join(' '),
    };
  }
  // A command substitution such as `$(openssl rand -hex 32)` is one word here: it makes a secret.
  const plain = snippet.line.trim().replace(/\$\([^)]*\)/g, '$(…)');
  if (/["'`\\|;&<>]/.test(plain)) {
    throw new Error(`quoting and shell operators are not read here yet: ${snippet.line}`);
  }
  const words = plain.split(/\s+/);
  const assignments = [];
  while (/^[A-Z_][A-Z0-9_]*=/.test(words[0] ?? '')) {
    const [name, ...rest] = words.shift().split('=');
    const value = rest.join('=');
    const filled = PLACEHOLDER_VALUE.test(value) || /^\$\(.*\)$/.test(value) ? valueFor(name) : value;
    if (filled !== value) secrets.add(filled);
    assignments.push([name, filled]);
  }
  if (words.some((word) => word.includes('$('))) {
    throw new Error(`a command substitution outside NAME=$(…) is not read here yet.`);
  }
  // The shell expands `~` itself (HOME is the sandbox); the example paths are rewritten here.
  const command = withFreePort(words.map((word) => word.replace(EXAMPLE_PATH, ctx.home)));
  const line = [...assignments.map(([k, v]) => `${k}=${v}`), ...command].join(' ');
  const shown = [...assignments.map(([k, v]) => `${k}=${mask(v, secrets)}`), ...command].join(' ');
  const args = serverWords(command.map(mapPath));
  return {
    command: 'sh',
    args: ['-c', line],
    env: {},
    words: args,
    http: args.includes('--http'),
    authToken: assignments.find(([name]) => name === 'MCP_AUTH_TOKEN')?.[1],
    shown,
  };
}

/** The words after the package: the server's own arguments. */
function serverWords(words) {
  const at = words.findIndex((word) => PACKAGE.test(word));
  return words.slice(at + 1);
}

function withFreePort(words) {
  return words.map((word, i) => (words[i - 1] === '--port' ? '0' : word));
}

const mask = (value, secrets) => (secrets.has(value) ? '***' : value);

/** Paths among a server's arguments (absolute, or relative to the folder it runs in). */
export function pathArguments(words, cwd) {
  return words
    .filter((word) => !word.startsWith('-'))
    .map((word) => word.replace(/^[A-Za-z_]\w*=/, '')) // a named database: name=path
    .filter((word) => /^(\/|\.\.?\/|[\w-]+\.db$)/.test(word))
    .map((word) => path.resolve(cwd, word));
}
