import type { OptionSpec } from '../config.js';
export declare const SERVER_SCHEMA_URL = "https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json";
/**
 * What is wrong with a server's MCP Registry manifest (`server.json`), as a list of sentences:
 * empty when it names the same server, package and version as package.json, and documents exactly
 * the environment variables the server reads, with their defaults, tokens marked secret.
 */
export declare function serverJsonProblems(serverDir: string, read: {
    options: readonly OptionSpec[];
    secretEnv?: readonly string[];
}): Promise<string[]>;
