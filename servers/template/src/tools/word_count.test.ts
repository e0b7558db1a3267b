import { callTool } from '@refmcp/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type Connected, connect } from '../test-helpers.js';

describe.each(['legacy', 'modern'] as const)('word_count (%s)', (era) => {
  let server: Connected;
  afterEach(() => server.close());

  it('counts words, lines and characters', async () => {
    server = await connect(era);
    const out = await callTool(server.client, 'word_count', { text: "Don't panic.\nIt's well-known ✓\n" });
    expect(out.structured).toEqual({ words: 4, lines: 2, characters: 31, topWords: [] });
    expect(out.text).toBe('4 words, 2 lines, 31 characters');
  });

  it('lists the most frequent words, ties in alphabetical order', async () => {
    server = await connect(era);
    const out = await callTool(server.client, 'word_count', { text: 'b a B c a b', top: 2 });
    expect(out.structured?.topWords).toEqual([
      { word: 'b', count: 3 },
      { word: 'a', count: 2 },
    ]);
    expect(out.text).toBe('6 words, 1 line, 11 characters\n3× b\n2× a');
  });

  it('counts nothing in empty text', async () => {
    server = await connect(era);
    const out = await callTool(server.client, 'word_count', { text: '' });
    expect(out.structured).toEqual({ words: 0, lines: 0, characters: 0, topWords: [] });
  });

  it('refuses text over the configured limit, with a hint', async () => {
    server = await connect(era, { maxTextLength: 5 });
    const out = await callTool(server.client, 'word_count', { text: 'one two' });
    expect(out.isError).toBe(true);
    expect(out.text).toBe(
      'Invalid input: The text is 7 characters; the limit is 5.\nSplit the text and count each part.',
    );
  });
});
