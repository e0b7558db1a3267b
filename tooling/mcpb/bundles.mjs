/**
 * The bundles we build: one per server. The manifest and icon of each live with its server
 * (servers/<name>/mcpb/); everything else a bundle holds comes from the built package.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));

/**
 * @typedef {object} Bundle
 * @property {string} name      the server folder, e.g. `sqlite`
 * @property {string} dir       that folder
 * @property {string} manifest  servers/<name>/mcpb/manifest.json
 * @property {string} icon      servers/<name>/mcpb/icon.png
 * @property {boolean} native   carries a compiled addon: good for one platform, CPU and Node major only
 */

/** @param {string} name @param {{ native?: boolean }} [options] @returns {Bundle} */
function bundle(name, options = {}) {
  const dir = path.join(REPO, 'servers', name);
  return {
    name,
    dir,
    manifest: path.join(dir, 'mcpb', 'manifest.json'),
    icon: path.join(dir, 'mcpb', 'icon.png'),
    native: options.native ?? false,
  };
}

/** @type {Bundle[]} */
export const BUNDLES = [
  bundle('filesystem'),
  // better-sqlite3 is a V8 addon (not Node-API): its binary loads only in the Node major it was built for.
  bundle('sqlite', { native: true }),
  bundle('github'),
  bundle('slack'),
];

/** The bundles named on a command line, or all of them. */
export function bundlesNamed(names) {
  if (names.length === 0) return BUNDLES;
  return names.map((name) => {
    const found = BUNDLES.find((b) => b.name === name);
    if (!found) throw new Error(`No bundle named ${name}; known: ${BUNDLES.map((b) => b.name).join(', ')}`);
    return found;
  });
}
