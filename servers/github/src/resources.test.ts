import { describe, expect, it } from 'vitest';
import { useHarness } from './test-helpers.js';

describe('repo:// resources', () => {
  const h = useHarness();

  const read = async (uri: string) =>
    (await h.client.readResource({ uri })).contents[0] as { text?: string; mimeType?: string };

  it('reads a file at the default branch, a branch, a tag, a commit and a pull request head', async () => {
    expect((await read('repo://octocat/hello-world/contents/README.md')).text).toContain('# Hello World');
    expect(
      (await read('repo://octocat/hello-world/refs/heads/feature%2Fpolite/contents/src/index.ts')).text,
    ).toContain('Hello there');
    expect((await read('repo://octocat/hello-world/refs/tags/v1.0.0/contents/README.md')).text).toContain(
      'Hello',
    );
    expect((await read('repo://octocat/hello-world/refs/pull/3/head/contents/src/index.ts')).text).toContain(
      'Hello there',
    );
    const sha = h.fake.gh.repo('octocat', 'hello-world')?.branches.get('main') ?? '';
    expect((await read(`repo://octocat/hello-world/sha/${sha}/contents/src/util.ts`)).text).toContain('add');
  });

  it('reads a directory as its listing', async () => {
    const dir = await read('repo://octocat/hello-world/contents/src');
    expect(dir.text).toBe('src/index.ts\nsrc/util.ts');
  });

  it('answers a missing file as a resource error', async () => {
    await expect(read('repo://octocat/hello-world/contents/nope.md')).rejects.toThrow();
  });

  it('completes owner, repo and branch', async () => {
    const ref = {
      type: 'ref/resource' as const,
      uri: 'repo://{owner}/{repo}/refs/heads/{branch}/contents/{+path}',
    };
    const owner = await h.client.complete({ ref, argument: { name: 'owner', value: 'oct' } });
    expect(owner.completion.values).toContain('octocat');
    const repo = await h.client.complete({
      ref,
      argument: { name: 'repo', value: 'hel' },
      context: { arguments: { owner: 'octocat' } },
    });
    expect(repo.completion.values).toEqual(['hello-world']);
    const branch = await h.client.complete({
      ref,
      argument: { name: 'branch', value: 'fea' },
      context: { arguments: { owner: 'octocat', repo: 'hello-world' } },
    });
    expect(branch.completion.values).toEqual(['feature/polite']);
  });
});
