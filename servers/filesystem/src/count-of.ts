const plurals = new Intl.PluralRules('en-US');

/** "1 file", "2 files": a count with its noun in the right number, for result text. */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${plurals.select(count) === 'one' ? singular : plural}`;
}
