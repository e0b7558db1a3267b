import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

describe('create_repository', () => {
  const h = useHarness();

  it("creates a repository for the token's user", async () => {
    const created = await h.call('create_repository', { name: 'brand-new', private: true });
    expect(created.structured).toMatchObject({ fullName: 'octocat/brand-new', private: true });
  });
});
