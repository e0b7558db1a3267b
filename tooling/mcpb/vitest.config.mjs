import { defineConfig } from 'vitest/config';

// Building the four bundles (pnpm deploy, mcpb validate and pack) takes ~30 s on two busy cores.
export default defineConfig({ test: { testTimeout: 30_000, hookTimeout: 180_000 } });
