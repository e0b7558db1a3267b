import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

describe('create_gist', () => {
  const h = useHarness();

  it('creates a secret gist from files', async () => {
    const made = await h.call('create_gist', {
      description: 'notes',
      files: { 'a.md': '# A', 'b.txt': 'b' },
    });
    const id = String(made.structured?.id);
    expect(h.fake.gh.gists.get(id)).toMatchObject({ public: false, files: { 'a.md': '# A', 'b.txt': 'b' } });
  });

  it('creates a gist from one filename and content', async () => {
    const made = await h.call('create_gist', { filename: 'hi.py', content: 'print(1)\n', public: true });
    expect(made.structured).toMatchObject({ id: expect.any(String), url: expect.any(String) });
    const body = h.fake.gh.calls.at(-1)?.body as { files: unknown; public: boolean };
    expect(body).toMatchObject({ public: true, files: { 'hi.py': { content: 'print(1)\n' } } });
  });

  it('asks for the missing half or for any file at all', async () => {
    const half = await h.call('create_gist', { filename: 'hi.py' });
    expect(half).toMatchObject({ isError: true, text: expect.stringContaining('filename and content') });
    const none = await h.call('create_gist', { description: 'empty' });
    expect(none).toMatchObject({ isError: true, text: expect.stringContaining('Pass files') });
  });
});
