import { callTool } from '@refmcp/core/testing';
import { MAX_RESULT_BYTES } from '@refmcp/core/upstream';
import { WebAPIPlatformError } from '@slack/web-api';
import { afterEach, describe, expect, it } from 'vitest';
import { toSlackToolError } from './slack/errors.js';
import { connect, type Harness } from './test-helpers.js';

/** What the server makes of answers Slack should not give: too long, the wrong shape, not JSON. */

let h: Harness;
afterEach(() => h?.close());
const history = (args: Record<string, unknown> = {}) =>
  callTool(h.client, 'slack_get_channel_history', { channel_id: 'C0BIG', ...args });

describe('an answer over --max-response-bytes', () => {
  it('is refused with the cap and the flag named, and not asked for again', async () => {
    h = await connect('legacy', { maxResponseBytes: 64 * 1024, maxRetries: 2 });
    h.slack.workspace.addMessage('C0BIG', { user: 'U0ALICE', text: 'hello' });
    h.slack.floodList('conversations.history', 10_000);
    const out = await history();
    expect(out.isError).toBe(true);
    expect(out.text).toContain(
      'Slack answered more than 64 KiB to conversations.history; narrow the request (a smaller limit or duration) or raise --max-response-bytes.',
    );
    expect(h.slack.workspace.callsTo('conversations.history')).toHaveLength(1);
    expect((await history()).isError).toBe(false);
  });
});

describe('answers in a shape Slack does not document', () => {
  it('a message list that is not a list, or holds no messages, is an upstream error', async () => {
    h = await connect('legacy');
    h.slack.answerNext('conversations.history', { ok: true, messages: { not: 'a list' } });
    expect((await history()).text).toBe(
      "Upstream error: Slack's answer to conversations.history had no list of messages.\n" +
        'Try again; if it persists, check SLACK_API_URL and any proxy in front of Slack.',
    );
    h.slack.answerNext('conversations.history', { ok: true, messages: [null] });
    const out = await history();
    expect(out.text).toMatch(
      /^Upstream error: Slack's answer for slack_get_channel_history was not in the documented shape/,
    );
    h.slack.answerNext('conversations.history', 'just a string');
    expect((await history()).text).toMatch(/^Upstream error: Slack's answer for slack_get_channel_history/);
  });

  it('a body that is not JSON is said to be so, not echoed as an error code', () => {
    const html = `<html>${'x'.repeat(10_000)}</html>`;
    const mapped = toSlackToolError(new WebAPIPlatformError({ ok: false, error: html }), 'users.list', '');
    expect((mapped as Error).message).toBe("Slack's answer to users.list was not valid JSON.");
  });
});

describe('long texts within the cap', () => {
  it('a message is cut at 40,000 characters with a marker saying how much was cut', async () => {
    h = await connect('legacy');
    h.slack.workspace.addMessage('C0BIG', { user: 'U0ALICE', text: 't'.repeat(100_000) });
    const out = await history({ limit: 1 });
    const messages = out.structured?.messages as Array<{ text: string }> | undefined;
    expect(messages?.[0]?.text).toBe(`${'t'.repeat(40_000)}…[60,000 more characters cut]`);
  });

  it('a page of long messages fits the result cap, every message kept, and no further page is read', async () => {
    h = await connect('legacy');
    for (let i = 0; i < 400; i++) {
      h.slack.workspace.addMessage('C0BIG', { user: 'U0ALICE', text: `${i} ${'m'.repeat(30_000)}` });
    }
    const out = await history({ limit: 400 });
    expect(out.isError, out.text).toBe(false);
    const messages = out.structured?.messages as Array<{ text: string }>;
    expect(messages).toHaveLength(200);
    expect(out.structured?.nextCursor).toEqual(expect.any(String));
    expect(Buffer.byteLength(JSON.stringify(out.structured))).toBeLessThanOrEqual(MAX_RESULT_BYTES);
    expect(messages[0]?.text).toMatch(/^399 m+…\[[\d,]+ more characters cut\]$/);
    expect(h.slack.workspace.callsTo('conversations.history')).toHaveLength(1);
  });
});
