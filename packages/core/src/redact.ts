/**
 * Removes known secret values (tokens, passwords) from text before it reaches a log line or a
 * tool result. Secrets are registered once at startup; matching is exact, so short values that
 * would redact ordinary words are ignored.
 */
export type Redactor = (text: string) => string;

const MIN_SECRET_LENGTH = 6;

export function createRedactor(secrets: ReadonlyArray<string | undefined>): Redactor {
  const values = secrets.filter((s): s is string => typeof s === 'string' && s.length >= MIN_SECRET_LENGTH);
  if (values.length === 0) return (text) => text;
  // Longest first, so a secret that contains another is removed whole.
  values.sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text;
    for (const secret of values) out = out.split(secret).join('[redacted]');
    return out;
  };
}
