import { spawn } from 'node:child_process';
import { expect } from 'vitest';
import { callTool } from './call.js';
/**
 * Runs a built server binary until it exits, for start-up behaviour (`--version`, a bad option's
 * one line and exit code 2). `env` replaces the environment, PATH aside, so no token leaks in.
 */
export function runBin(bin, args = [], env = {}) {
    const child = spawn(process.execPath, [bin, ...args], {
        env: { PATH: process.env.PATH ?? '', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
        stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk) => {
        stderr += chunk.toString();
    });
    return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}
/**
 * Lists the tools and calls each with its arguments from `calls`: the list must name exactly those
 * tools, and every call must succeed with structured output. For end-to-end runs of a binary.
 */
export async function callEveryTool(client, calls) {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(Object.keys(calls).sort());
    for (const [name, args] of Object.entries(calls)) {
        const out = await callTool(client, name, args);
        expect(out.isError, `${name}: ${out.text}`).toBe(false);
        expect(out.structured, name).toBeTypeOf('object');
    }
}
