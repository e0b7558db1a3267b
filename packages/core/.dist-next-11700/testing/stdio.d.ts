import { Client, type ClientOptions } from '@modelcontextprotocol/client';
import { type TestEra } from './era.js';
export interface SpawnOptions {
    command: string;
    args?: string[];
    env?: Record<string, string>;
    cwd?: string;
    era?: TestEra;
    client?: ClientOptions;
    beforeConnect?: (client: Client) => void;
}
export interface SpawnedServer {
    client: Client;
    /** Everything the server wrote to stderr so far. */
    stderr(): string;
    pid: number | null;
    close(): Promise<void>;
}
/** Spawns a server binary and connects a real client over its stdin/stdout. */
export declare function spawnStdio(options: SpawnOptions): Promise<SpawnedServer>;
