import { describe, expect, it } from 'vitest';
import { checkFileUrl } from './files.js';

describe('where file transfers may go', () => {
  const slackApi = 'https://slack.com/api/';
  it("accepts Slack's own hosts over https, and the configured API's origin", () => {
    expect(checkFileUrl('https://files.slack.com/upload/v1/abc', slackApi, 'upload').host).toBe(
      'files.slack.com',
    );
    expect(
      checkFileUrl('http://127.0.0.1:8788/upload/v1/x', 'http://127.0.0.1:8788/api/', 'upload').port,
    ).toBe('8788');
  });
  it('refuses any other host, plain http to Slack, a look-alike and a different port', () => {
    for (const url of [
      'https://evil.example/upload',
      'http://files.slack.com/upload',
      'https://slack.com.evil.example/upload',
      'https://files.slack.com@evil.example/upload',
      'http://127.0.0.1:9999/upload',
      'not a url',
    ]) {
      expect(() => checkFileUrl(url, 'http://127.0.0.1:8788/api/', 'upload'), url).toThrow(/Slack/);
    }
  });
});
