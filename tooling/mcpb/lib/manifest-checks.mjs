/**
 * What must hold of a bundle manifest kept in the repository, beyond mcpb's schema. Each rule
 * guards a way a bundle breaks only once installed.
 */

const PLACEHOLDER = /\$\{user_config\.([^}]+)\}/g;

const placeholders = (value) => [...String(value).matchAll(PLACEHOLDER)].map((m) => m[1]);

/**
 * Problems with `manifest`, as sentences (none: empty), given its package.json and server.json (the
 * MCP Registry entry, which documents every environment variable the server reads).
 */
export function manifestProblems({ manifest, pkg, serverJson }) {
  const problems = [];
  const problem = (text) => problems.push(text);
  const settings = manifest.user_config ?? {};
  const { args = [], env = {} } = manifest.server?.mcp_config ?? {};

  if (manifest.version !== pkg.version) {
    problem(
      `version ${manifest.version} differs from ${pkg.name} ${pkg.version}: run node tooling/scripts/sync-server-json.mjs`,
    );
  }
  const bin = Object.values(pkg.bin ?? {})[0];
  if (manifest.server?.entry_point !== bin) problem(`server.entry_point is not the package's bin ${bin}`);
  if (args[0] !== `\${__dirname}/${bin}`) problem(`the first argument is not \${__dirname}/${bin}`);

  const used = new Set();
  for (const arg of args) {
    for (const key of placeholders(arg)) {
      used.add(key);
      // mcpb leaves an argument holding an empty value as the literal `${user_config.key}`.
      if (!settings[key]?.required) problem(`argument setting ${key} must be required`);
      // Security: arguments show in every process listing.
      if (settings[key]?.sensitive) problem(`sensitive setting ${key} must go in env, not args`);
    }
  }
  const documented = new Map(
    (serverJson.packages?.[0]?.environmentVariables ?? []).map((variable) => [variable.name, variable]),
  );
  for (const [name, value] of Object.entries(env)) {
    if (!documented.has(name)) problem(`env ${name} is not a variable the server reads (server.json)`);
    for (const key of placeholders(value)) {
      used.add(key);
      // An optional setting with no value and no default stays a literal `${user_config.key}`.
      if (!settings[key]?.required && settings[key]?.default === undefined) {
        problem(`optional setting ${key} needs a default`);
      }
      if (Boolean(settings[key]?.sensitive) !== Boolean(documented.get(name)?.isSecret)) {
        problem(`setting ${key} and env ${name} disagree on being secret`);
      }
    }
  }
  for (const key of used) if (!settings[key]) problem(`\${user_config.${key}} names no setting`);
  for (const key of Object.keys(settings)) if (!used.has(key)) problem(`setting ${key} is never passed on`);
  return problems;
}
