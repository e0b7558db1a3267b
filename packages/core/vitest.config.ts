import { defineConfig } from 'vitest/config';

// Several tests start real server processes and sockets; 5 s is too little on a loaded CI machine.
export default defineConfig({ test: { testTimeout: 20_000, hookTimeout: 20_000 } });
