import type { Client } from '@modelcontextprotocol/client';
import { connectInProcess } from '@refmcp/core/testing';
import { seedGitHub, startFakeGitHub } from '@refmcp/fake-github';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import { quietLogger, testConfig } from './test-helpers.js';

let fake: Awaited<ReturnType<typeof startFakeGitHub>>;
let failedRunId: number;
beforeAll(async () => {
  fake = await startFakeGitHub({ gh: seedGitHub() });
  failedRunId = fake.gh.runs.find((r) => r.conclusion === 'failure')?.id ?? 0;
});
afterAll(() => fake.close());

const firstText = (prompt: Awaited<ReturnType<Client['getPrompt']>>) => {
  const content = prompt.messages[0]?.content;
  return content?.type === 'text' ? content.text : '';
};

describe.each(['legacy', 'modern'] as const)('prompts (%s era)', (era) => {
  let client: Client;
  let close: () => Promise<void>;
  beforeAll(async () => {
    const app = createApp(testConfig(fake.apiUrl), { logger: quietLogger() });
    client = await connectInProcess(app, { era });
    close = async () => {
      await client.close();
      await app.close();
    };
  });
  afterAll(() => close());

  const complete = (prompt: string, name: string, value: string, args: Record<string, string> = {}) =>
    client
      .complete({
        ref: { type: 'ref/prompt', name: prompt },
        argument: { name, value },
        context: { arguments: args },
      })
      .then((r) => r.completion.values);

  it('lists the three prompts with their arguments', async () => {
    const { prompts } = await client.listPrompts();
    expect(
      prompts.map((p) => [p.name, p.arguments?.map((a) => `${a.name}${a.required ? '' : '?'}`)]),
    ).toEqual([
      ['triage-issue', ['owner', 'repo', 'issue_number']],
      ['review-pull-request', ['owner', 'repo', 'pullNumber']],
      ['ci-failures', ['owner', 'repo', 'run_id?', 'pullNumber?']],
    ]);
  });

  it('completes owner, repo and the numbers from GitHub', async () => {
    expect(await complete('triage-issue', 'owner', 'oc')).toEqual(['octocat']);
    expect(await complete('triage-issue', 'repo', 'hel', { owner: 'octocat' })).toEqual(['hello-world']);
    // Open issues only: #3 is a pull request, which the issues API lists too.
    expect(
      (await complete('triage-issue', 'issue_number', '', { owner: 'octocat', repo: 'hello-world' })).sort(),
    ).toEqual(['1', '2']);
    expect(
      await complete('review-pull-request', 'pullNumber', '', { owner: 'octocat', repo: 'hello-world' }),
    ).toEqual(['3']);
    expect(await complete('ci-failures', 'run_id', '', { owner: 'octocat', repo: 'hello-world' })).toEqual([
      String(failedRunId),
    ]);
    // Without the repository there is nothing to ask GitHub for.
    expect(await complete('triage-issue', 'issue_number', '1')).toEqual([]);
  });

  it('builds each prompt from its arguments', async () => {
    const triage = await client.getPrompt({
      name: 'triage-issue',
      arguments: { owner: 'octocat', repo: 'hello-world', issue_number: '#2' },
    });
    expect(triage.description).toBe('Triage octocat/hello-world#2');
    expect(firstText(triage)).toContain('issue_read (owner "octocat", repo "hello-world", issue_number 2)');
    expect(firstText(triage)).toContain('Change nothing on GitHub');

    const review = await client.getPrompt({
      name: 'review-pull-request',
      arguments: { owner: 'octocat', repo: 'hello-world', pullNumber: '3' },
    });
    expect(firstText(review)).toContain(
      'pull_request_read (owner "octocat", repo "hello-world", pullNumber 3)',
    );
    expect(firstText(review)).toContain('method submit_pending');

    const run = await client.getPrompt({
      name: 'ci-failures',
      arguments: { owner: 'octocat', repo: 'hello-world', run_id: String(failedRunId) },
    });
    expect(firstText(run)).toContain(`get_job_logs (run_id ${failedRunId}, failed_only true)`);
    const pull = await client.getPrompt({
      name: 'ci-failures',
      arguments: { owner: 'octocat', repo: 'hello-world', pullNumber: '3' },
    });
    expect(pull.description).toBe('CI failures of octocat/hello-world#3');
    expect(firstText(pull)).toContain('method get_check_runs');
    const latest = await client.getPrompt({
      name: 'ci-failures',
      arguments: { owner: 'octocat', repo: 'hello-world' },
    });
    expect(latest.description).toBe('Latest CI failure in octocat/hello-world');
  });

  it('refuses a prompt without its required arguments with a JSON-RPC error', async () => {
    await expect(client.getPrompt({ name: 'triage-issue', arguments: { owner: 'octocat' } })).rejects.toThrow(
      /repo|issue_number/,
    );
  });
});

describe('prompts follow the tools offered', () => {
  async function promptsWith(overrides: Parameters<typeof testConfig>[1]) {
    const app = createApp(testConfig(fake.apiUrl, overrides), { logger: quietLogger() });
    const client = await connectInProcess(app);
    return {
      client,
      close: async () => {
        await client.close();
        await app.close();
      },
    };
  }

  it('offers ci-failures only with the actions toolset, and names list_label only when offered', async () => {
    const s = await promptsWith({ toolsets: ['default'] });
    try {
      const { prompts } = await s.client.listPrompts();
      expect(prompts.map((p) => p.name)).toEqual(['triage-issue', 'review-pull-request']);
      const triage = await s.client.getPrompt({
        name: 'triage-issue',
        arguments: { owner: 'octocat', repo: 'hello-world', issue_number: '1' },
      });
      expect(firstText(triage)).toContain('search_issues and search_pull_requests');
      expect(firstText(triage)).not.toContain('list_label');
    } finally {
      await s.close();
    }
  });

  it('in read-only mode, asks for the review as text instead of posting it', async () => {
    const s = await promptsWith({ readOnly: true });
    try {
      const review = await s.client.getPrompt({
        name: 'review-pull-request',
        arguments: { owner: 'octocat', repo: 'hello-world', pullNumber: '3' },
      });
      expect(firstText(review)).toContain('Give me the review as text');
      expect(firstText(review)).not.toContain('submit_pending');
    } finally {
      await s.close();
    }
  });
});
