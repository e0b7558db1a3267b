/**
 * Markdown as models write it, converted to Slack's mrkdwn: Slack shows `**bold**` literally and
 * wants links as <url|label>. Code spans and blocks are left as they are.
 */
export function markdownToMrkdwn(markdown: string): string {
  // Split out code so its contents are never rewritten.
  const parts = markdown.split(/(```[\s\S]*?```|`[^`\n]+`)/g);
  return parts.map((part, i) => (i % 2 === 1 ? escapeText(part) : convertProse(part))).join('');
}

/** Slack requires &, < and > escaped everywhere, code included. */
const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function convertProse(text: string): string {
  const links: string[] = [];
  // Links first, before escaping, kept aside (behind private-use markers) so their brackets survive.
  let out = text.replace(/\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)/g, (_m, label: string, url: string) => {
    links.push(`<${url}|${escapeText(label)}>`);
    return `\uE000${links.length - 1}\uE000`;
  });
  out = escapeText(out)
    .replace(/^#{1,6}\s+(.+?)\s*#*$/gm, '\uE001$1\uE001')
    .replace(/^(\s*)[-*+]\s+/gm, '$1• ')
    .replace(/\*\*(.+?)\*\*|__(.+?)__/g, (_m, a?: string, b?: string) => `\uE001${a ?? b}\uE001`)
    .replace(/(^|[^*\w])\*(?!\s)([^*\n]+?)\*(?!\w)/g, '$1_$2_')
    .replace(/~~(.+?)~~/g, '~$1~')
    .replace(/\uE001/g, '*');
  return out.replace(/\uE000(\d+)\uE000/g, (_m, i: string) => links[Number(i)] ?? '');
}
