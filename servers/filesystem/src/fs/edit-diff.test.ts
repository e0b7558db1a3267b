import { describe, expect, it } from 'vitest';
import { unifiedDiff } from './diff.js';
import { boundedDiff } from './edit-diff.js';

describe('boundedDiff', async () => {
  it('is the unified diff of the whole texts when the change is small', async () => {
    let seed = 11;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const words = ['a', 'b', 'c', '', 'dd'];
    for (let round = 0; round < 500; round++) {
      const lines = Array.from({ length: rand(30) }, () => words[rand(words.length)]!);
      const edited = [...lines];
      for (let k = rand(4); k >= 0; k--) {
        const at = rand(edited.length + 1);
        if (rand(2)) edited.splice(at, 1);
        else edited.splice(at, 0, words[rand(words.length)]!);
      }
      const end = (l: string[]) => l.join('\n') + (rand(3) ? '\n' : '');
      const before = end(lines);
      const after = end(edited);
      expect(await boundedDiff(before, after, 'f', 1 << 20), JSON.stringify({ before, after })).toBe(
        unifiedDiff(before, after, { path: 'f' }),
      );
    }
  });

  it('numbers hunks far into a file from the lines skipped before them', async () => {
    const before = Array.from({ length: 10_000 }, (_, i) => `line ${i + 1}\n`).join('');
    const after = before.replace('line 5000\n', 'line five thousand\n');
    expect(await boundedDiff(before, after, 'f', 1 << 20)).toBe(unifiedDiff(before, after, { path: 'f' }));
    expect(await boundedDiff(before, after, 'f', 1 << 20)).toContain('@@ -4997,7 +4997,7 @@');
  });

  it('shows a huge change as one block of removed and added lines, cut at the budget', async () => {
    const line = 'x'.repeat(8 * 1024 * 1024);
    const diff = await boundedDiff(`${line}END\nnext\n`, `${line}FIN\nnext\n`, 'big.txt', 4096);
    expect(diff.length).toBeLessThan(4096 + 300);
    expect(diff.startsWith('--- a/big.txt\n+++ b/big.txt\n@@ -1,2 +1,2 @@\n-xxx')).toBe(true);
    expect(diff).toMatch(/\n\+x+ … \[line cut: \d+ more characters\]\n/);
    expect(diff).toMatch(/\[diff cut at the 4096-byte output limit; 1 of 2 changed lines not shown\]\n$/);
  });

  it('counts every line of a block change in its header, even those not shown', async () => {
    const before = 'a\n'.repeat(30_000);
    const diff = await boundedDiff(before, before.replaceAll('a', 'b'), 'f', 2048);
    expect(diff).toContain('@@ -1,30000 +1,30000 @@\n-a\n-a\n');
    expect(diff).toContain('\n+b\n');
    expect(diff).toMatch(/; \d+ of 60000 changed lines not shown\]\n$/);
  });
});
