import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

describe('update_gist', () => {
  const h = useHarness();

  it("sets one file's content by filename, keeping the others", async () => {
    const made = await h.call('create_gist', { files: { 'a.md': 'old', 'b.md': 'keep' } });
    const gist_id = String(made.structured?.id);
    const updated = await h.call('update_gist', { gist_id, filename: 'a.md', content: 'new' });
    expect(updated.structured).toMatchObject({ id: gist_id });
    expect(h.fake.gh.gists.get(gist_id)?.files).toEqual({ 'a.md': 'new', 'b.md': 'keep' });
  });

  it('changes the description and files together', async () => {
    const made = await h.call('create_gist', { files: { 'a.md': 'x' } });
    const gist_id = String(made.structured?.id);
    await h.call('update_gist', { gist_id, description: 'described', files: { 'c.md': 'c' } });
    expect(h.fake.gh.gists.get(gist_id)).toMatchObject({
      description: 'described',
      files: { 'a.md': 'x', 'c.md': 'c' },
    });
  });
});
