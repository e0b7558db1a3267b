import { defineConfig } from 'vitest/config';

// The failover test starts HAProxy and several server processes: allow for a busy CI machine.
export default defineConfig({ test: { testTimeout: 60_000, hookTimeout: 30_000 } });
