import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { clientOptionsFor } from './era.js';
/** Spawns a server binary and connects a real client over its stdin/stdout. */
export async function spawnStdio(options) {
    const era = options.era ?? 'legacy';
    const transport = new StdioClientTransport({
        command: options.command,
        args: options.args ?? [],
        env: { PATH: process.env.PATH ?? '', ...options.env },
        stderr: 'pipe',
        ...(options.cwd && { cwd: options.cwd }),
    });
    let stderr = '';
    transport.stderr?.on('data', (chunk) => {
        stderr += chunk.toString('utf8');
    });
    const client = new Client({ name: 'refmcp-test', version: '0.0.0' }, clientOptionsFor(era, options.client));
    options.beforeConnect?.(client);
    await client.connect(transport);
    return {
        client,
        stderr: () => stderr,
        pid: transport.pid,
        close: () => client.close(),
    };
}
