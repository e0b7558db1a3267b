import { InvalidInputError, readOnly } from '@refmcp/core';
import * as z from 'zod';
import { defineTool, type TemplateContext } from '../deps.js';

export default defineTool({
  name: 'word_count',
  title: 'Count words',
  description:
    'Count the words, lines and characters of a text. Words are runs of letters, digits, ' +
    'apostrophes and hyphens; characters are Unicode code points. Set top to also get the most frequent words.',
  inputSchema: z.object({
    text: z.string().describe('The text to measure'),
    top: z.number().int().min(0).max(50).default(0).describe('How many of the most frequent words to list'),
  }),
  outputSchema: z.object({
    words: z.number(),
    lines: z.number(),
    characters: z.number(),
    topWords: z.array(z.object({ word: z.string(), count: z.number() })),
  }),
  annotations: readOnly({ openWorld: false }),
  handler: async ({ text, top }, ctx: TemplateContext) => {
    const characters = [...text].length;
    const limit = ctx.deps.config.maxTextLength;
    if (characters > limit) {
      throw new InvalidInputError(`The text is ${characters} characters; the limit is ${limit}.`, {
        hint: 'Split the text and count each part.',
      });
    }
    const words = text.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? [];
    const counts = new Map<string, number>();
    for (const word of words) counts.set(word, (counts.get(word) ?? 0) + 1);
    const topWords = [...counts]
      .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
      .slice(0, top)
      .map(([word, count]) => ({ word, count }));
    const lines = text === '' ? 0 : text.split(/\r\n|\r|\n/).length - (/(\r\n|\r|\n)$/.test(text) ? 1 : 0);
    return { words: words.length, lines, characters, topWords };
  },
  render: ({ words, lines, characters, topWords }) =>
    [
      `${plural(words, 'word')}, ${plural(lines, 'line')}, ${plural(characters, 'character')}`,
      ...topWords.map(({ word, count }) => `${count}× ${word}`),
    ].join('\n'),
});

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
