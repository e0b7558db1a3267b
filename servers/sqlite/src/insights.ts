/**
 * The insights memo: notes the model records with append_insight while it analyses the data. It
 * lives in memory only, never in the database, so it works with --read-only too.
 */
export class Insights {
  private readonly items: string[] = [];

  constructor(private readonly limit = 1000) {}

  append(insight: string): number {
    // Oldest first out, so a long session cannot grow the memo without bound.
    if (this.items.length >= this.limit) this.items.shift();
    this.items.push(insight.trim());
    return this.items.length;
  }

  get count(): number {
    return this.items.length;
  }

  memo(): string {
    if (this.items.length === 0) {
      return 'Insights memo\n\nNothing recorded yet. Insights appear here as append_insight is called.';
    }
    const lines = this.items.map((item) => `- ${item}`);
    return `Insights memo\n\n${this.items.length} insight${this.items.length === 1 ? '' : 's'} so far:\n\n${lines.join('\n')}`;
  }
}
