import { type McpServer, ResourceNotFoundError, ResourceTemplate } from '@modelcontextprotocol/server';
import { UpstreamError } from '@refmcp/core';
import { fitResult, formatBytes, MAX_RESULT_BYTES } from '@refmcp/core/upstream';
import type { GitHubDeps } from './deps.js';
import { mapGitHubError } from './errors.js';
import { stripInvisible } from './sanitize.js';

/**
 * `{+path}` rather than `{/path*}`: the SDK's template matcher takes only one segment for the
 * latter, and file paths have many.
 *
 * `repo://` resources: a file's contents (or a directory listing) at the default branch, a branch,
 * a tag, a commit or a pull request's head, with completions for owner, repo and branch.
 */

type Variables = Record<string, string | string[]>;
/** Variables arrive percent-encoded; a branch like `feature/x` is written `feature%2Fx` in a URI. */
const one = (v: string | string[] | undefined) => {
  const raw = Array.isArray(v) ? v.join('/') : (v ?? '');
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
};

const TEMPLATES: Array<{
  name: string;
  uri: string;
  title: string;
  ref: (v: Variables) => string | undefined;
}> = [
  {
    name: 'repo-contents',
    uri: 'repo://{owner}/{repo}/contents/{+path}',
    title: 'Repository file (default branch)',
    ref: () => undefined,
  },
  {
    name: 'repo-branch-contents',
    uri: 'repo://{owner}/{repo}/refs/heads/{branch}/contents/{+path}',
    title: 'Repository file at a branch',
    ref: (v) => one(v.branch),
  },
  {
    name: 'repo-tag-contents',
    uri: 'repo://{owner}/{repo}/refs/tags/{tag}/contents/{+path}',
    title: 'Repository file at a tag',
    ref: (v) => `refs/tags/${one(v.tag)}`,
  },
  {
    name: 'repo-sha-contents',
    uri: 'repo://{owner}/{repo}/sha/{sha}/contents/{+path}',
    title: 'Repository file at a commit',
    ref: (v) => one(v.sha),
  },
  {
    name: 'repo-pr-contents',
    uri: 'repo://{owner}/{repo}/refs/pull/{prNumber}/head/contents/{+path}',
    title: 'Repository file at a pull request head',
    ref: (v) => `refs/pull/${one(v.prNumber)}/head`,
  },
];

export function registerResources(server: McpServer, deps: GitHubDeps): void {
  const { gh, completer } = deps;
  const complete = { owner: completer.owner, repo: completer.repo, branch: completer.branch };

  for (const t of TEMPLATES) {
    server.registerResource(
      t.name,
      new ResourceTemplate(t.uri, { list: undefined, complete }),
      { title: t.title, description: `${t.title}; a directory reads as its listing.` },
      async (uri, variables) => {
        const owner = one(variables.owner);
        const repo = one(variables.repo);
        const path = one(variables.path);
        const ref = t.ref(variables);
        try {
          const { data } = await gh.rest.repos.getContent({ owner, repo, path, ...(ref && { ref }) });
          if (Array.isArray(data)) {
            const text = data.map((e) => (e.type === 'dir' ? `${e.path}/` : e.path)).join('\n');
            return { contents: [{ uri: uri.href, mimeType: 'text/directory', text }] };
          }
          if (data.type !== 'file' || !('content' in data))
            throw new ResourceNotFoundError(uri.href, `${path} is not a file`);
          const bytes = Buffer.from(data.content, 'base64');
          if (bytes.subarray(0, 8192).includes(0)) {
            // Base64 cannot be cut and stay valid: a binary file too large for one message is refused.
            if (data.content.length > MAX_RESULT_BYTES) {
              throw new UpstreamError(
                `${path} is a binary file of ${formatBytes(bytes.length)}, more than one resource read returns.`,
              );
            }
            return {
              contents: [
                {
                  uri: uri.href,
                  mimeType: 'application/octet-stream',
                  blob: data.content.replace(/\n/g, ''),
                },
              ],
            };
          }
          return {
            contents: [
              {
                uri: uri.href,
                mimeType: 'text/plain',
                text: fitResult(stripInvisible(bytes.toString('utf8'))),
              },
            ],
          };
        } catch (error) {
          const mapped = mapGitHubError(error, deps.config.apiUrl, uri.href);
          if (mapped instanceof Error && mapped.name === 'NotFoundError')
            throw new ResourceNotFoundError(uri.href, mapped.message);
          throw mapped;
        }
      },
    );
  }
}
