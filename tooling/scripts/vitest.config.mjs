import { defineConfig } from 'vitest/config';

// These tests run tsc, npm and whole servers as child processes; on a busy two-core CI machine
// running the other packages' suites alongside, a compile alone can take longer than vitest's 5 s.
export default defineConfig({ test: { testTimeout: 60_000, hookTimeout: 30_000 } });
