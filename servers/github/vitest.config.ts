import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // One small test file per tool: loading Octokit, the tools and the fake API again for each
    // file cost more than the tests (76 s against 17 s). No test mocks modules or shares state
    // through them; each file starts its own fake GitHub and app.
    isolate: false,
  },
});
