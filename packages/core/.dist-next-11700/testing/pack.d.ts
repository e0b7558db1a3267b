export interface PackageJson {
    name: string;
    version: string;
    mcpName?: string;
    bin?: Record<string, string>;
    engines?: Record<string, string>;
    files?: string[];
    dependencies?: Record<string, string>;
    peerDependencies?: Record<string, string>;
    optionalDependencies?: Record<string, string>;
}
export interface PackedServer {
    /** A temp folder outside the workspace holding the tarballs. */
    work: string;
    coreTarball: string;
    serverTarball: string;
    /** package.json as it is inside the server tarball (workspace ranges replaced). */
    packed: PackageJson;
    /** Paths inside the server tarball, sorted. */
    files: string[];
    /** Where the server tarball was unpacked (`<unpacked>/package/...`). */
    unpacked: string;
    /** Environment for npm/npx runs: a private cache (a clean install), no prompts or nags. */
    npmEnv(): Record<string, string>;
    /** `npx` arguments that run `bin` from the two tarballs, as a user's one-liner would. */
    npxArgs(bin: string, ...args: string[]): string[];
    cleanup(): Promise<void>;
}
/**
 * Packs `@refmcp/core` and a server with `pnpm pack` into a temp folder outside the workspace, so a
 * test can check what npm users would get and run it from the tarballs. Core is packed too because
 * it is not on the registry while both are unreleased.
 */
export declare function packServer(serverDir: string): Promise<PackedServer>;
/** Files in a server tarball that should not be there: sources, tests, test support, build info. */
export declare function strayPackageFiles(files: readonly string[]): string[];
