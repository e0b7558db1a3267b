import { readFile } from 'node:fs/promises';
import path from 'node:path';
export const SERVER_SCHEMA_URL = 'https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json';
const readJson = async (file) => JSON.parse(await readFile(file, 'utf8'));
/** How an option's default is written in server.json (strings only there). */
function manifestDefault(option) {
    if (option.default === undefined)
        return option.type === 'boolean' ? 'false' : undefined;
    return Array.isArray(option.default) ? option.default.join(',') : String(option.default);
}
/**
 * What is wrong with a server's MCP Registry manifest (`server.json`), as a list of sentences:
 * empty when it names the same server, package and version as package.json, and documents exactly
 * the environment variables the server reads, with their defaults, tokens marked secret.
 */
export async function serverJsonProblems(serverDir, read) {
    const pkg = await readJson(path.join(serverDir, 'package.json'));
    const manifest = await readJson(path.join(serverDir, 'server.json'));
    const problems = [];
    const expect = (ok, problem) => {
        if (!ok)
            problems.push(problem);
    };
    expect(manifest.$schema === SERVER_SCHEMA_URL, `$schema is not ${SERVER_SCHEMA_URL}`);
    expect(manifest.name === pkg.mcpName, `name ${manifest.name} differs from package.json mcpName ${pkg.mcpName}`);
    expect(manifest.version === pkg.version, `version ${manifest.version} differs from package.json ${pkg.version}`);
    const subfolder = path.relative(path.resolve(serverDir, '../..'), serverDir).split(path.sep).join('/');
    expect(manifest.repository?.subfolder === subfolder, `repository.subfolder is not ${subfolder}`);
    // The registry rejects longer descriptions.
    expect((manifest.description ?? '').length <= 100, 'description is longer than 100 characters');
    const entry = manifest.packages?.[0];
    expect(manifest.packages?.length === 1, 'packages should list exactly the npm package');
    expect(entry?.registryType === 'npm' && entry.identifier === pkg.name, `packages[0] is not npm ${pkg.name}`);
    expect(entry?.version === pkg.version, `packages[0].version differs from package.json ${pkg.version}`);
    expect(entry?.transport?.type === 'stdio', 'packages[0].transport is not stdio');
    const documented = new Map((entry?.environmentVariables ?? []).map((v) => [v.name, v]));
    const expected = new Map();
    for (const option of read.options)
        if (option.env)
            expected.set(option.env, manifestDefault(option));
    for (const name of read.secretEnv ?? [])
        expected.set(name, undefined);
    for (const name of documented.keys())
        expect(expected.has(name), `${name} is documented but not read`);
    for (const [name, fallback] of expected) {
        const doc = documented.get(name);
        if (!doc) {
            problems.push(`${name} is read but not documented`);
            continue;
        }
        expect(Boolean(doc.description), `${name} has no description`);
        expect(doc.default === fallback, `${name} default is ${doc.default}, the server uses ${fallback}`);
    }
    for (const name of read.secretEnv ?? []) {
        expect(documented.get(name)?.isSecret === true, `${name} is not marked isSecret`);
    }
    return problems;
}
