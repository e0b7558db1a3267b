import type { OptionSpec } from '../config.js';
import { type SpawnedServer } from './stdio.js';
export interface PackageTestOptions {
    /** The server's folder (holding package.json and server.json). */
    dir: string;
    /** Its bin, e.g. `refmcp-sqlite`. */
    bin: string;
    /** The server's own options; server.json must document each one's environment variable. */
    options: Readonly<Record<string, OptionSpec>>;
    /** Environment variables holding secrets (tokens): server.json must mark them secret. */
    secretEnv?: readonly string[];
    /** Files the tarball must hold besides `dist/index.js`, server.json and README.md. */
    files?: readonly string[];
    /** The longest a pack, install or first run may take (a native build is slow). */
    timeoutMs?: number;
    /** Starts what the session needs (a fake API) and returns its environment and a stop function. */
    around?: () => Promise<{
        env: Record<string, string>;
        stop(): Promise<void>;
    }>;
    /** Arguments for the session, given the work folder (outside the workspace). */
    args?: (work: string) => Promise<string[]> | string[];
    /** What the real session must do; it fails the test by throwing. */
    session: (server: SpawnedServer, work: string) => Promise<void>;
}
/**
 * What a user gets from npm, for one server: server.json agrees with the package, and the packed
 * tarballs install outside the workspace and serve a real MCP session the way the README's
 * one-liner runs them. `REFMCP_SKIP_PACK_TEST` skips the packing half (it needs the registry).
 */
export declare function describePackage(options: PackageTestOptions): void;
