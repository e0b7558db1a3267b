import { describe, expect, it } from 'vitest';
import { readableText } from './format.js';
import { markdownToMrkdwn } from './mrkdwn.js';

describe('markdownToMrkdwn', () => {
  it('converts emphasis, strikethrough, headings, bullets and links', () => {
    expect(markdownToMrkdwn('**bold** and *it* and ~~gone~~')).toBe('*bold* and _it_ and ~gone~');
    expect(markdownToMrkdwn('# Title\n- one\n* two')).toBe('*Title*\n• one\n• two');
    expect(markdownToMrkdwn('See [the docs](https://example.com/a?b=1&c=2)')).toBe(
      'See <https://example.com/a?b=1&c=2|the docs>',
    );
  });

  it('escapes &, < and > but leaves code contents alone otherwise', () => {
    expect(markdownToMrkdwn('a < b & c > d')).toBe('a &lt; b &amp; c &gt; d');
    expect(markdownToMrkdwn('run `x **y** <z>` now')).toBe('run `x **y** &lt;z&gt;` now');
    expect(markdownToMrkdwn('```\n**not bold**\n```')).toBe('```\n**not bold**\n```');
  });
});

describe('readableText', () => {
  it('names mentions and unwraps links and channel references', () => {
    const names = new Map([['U1', 'alice']]);
    expect(readableText('hi <@U1>, see <#C9|general> and <https://x.dev|docs> &amp; <!here>', names)).toBe(
      'hi @alice, see #general and docs (https://x.dev) & @here',
    );
  });
});
