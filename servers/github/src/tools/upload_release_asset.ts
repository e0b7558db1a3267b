import { InvalidInputError, UpstreamError, writes } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';
import { owner, repo } from '../tool-args.js';

/** Well under the 10 MiB a stdio message may carry, base64 included. */
const MAX_BYTES = 5 * 1024 * 1024;

export default defineTool({
  name: 'upload_release_asset',
  title: 'Upload release asset',
  description: 'Attach a file (text, or base64 for binary; at most 5 MiB) to a release by release_id.',
  inputSchema: z.object({
    owner,
    repo,
    release_id: z.number().int(),
    name: z
      .string()
      .min(1)
      .regex(/^[^/\\]+$/, 'a file name, not a path'),
    content: z.string(),
    encoding: z.enum(['utf-8', 'base64']).default('utf-8'),
    content_type: z.string().default('application/octet-stream'),
    label: z.string().optional(),
  }),
  outputSchema: z.object({ id: z.number(), name: z.string(), size: z.number(), url: z.string() }),
  annotations: writes({ openWorld: true }),
  toolset: 'repos',
  handler: async (input, ctx) => {
    const gh = ctx.deps.gh;
    const data = Buffer.from(input.content, input.encoding === 'base64' ? 'base64' : 'utf8');
    if (data.length > MAX_BYTES)
      throw new InvalidInputError(`The file is ${data.length} bytes; at most ${MAX_BYTES}.`);
    const where = { owner: input.owner, repo: input.repo, release_id: input.release_id };
    const { data: rel } = await gh.rest.repos.getRelease({ ...where, request: { signal: ctx.signal } });
    const res = await gh.rest.repos.uploadReleaseAsset({
      ...where,
      name: input.name,
      ...(input.label && { label: input.label }),
      // Octokit sends a Buffer as the raw body; its types say string.
      data: data as unknown as string,
      baseUrl: uploadBase(gh.request.endpoint.DEFAULTS.baseUrl, rel.upload_url),
      headers: { 'content-type': input.content_type, 'content-length': data.length },
      request: { signal: ctx.signal },
    });
    return { id: res.data.id, name: res.data.name, size: res.data.size, url: res.data.browser_download_url };
  },
});

/**
 * Where uploads go: the origin of the release's upload_url (uploads.github.com on GitHub.com,
 * the server itself on Enterprise Server). Security: the token goes only to the API's own host
 * or its uploads. subdomain, whatever the answer says.
 */
function uploadBase(apiBase: string, uploadUrl: string): string {
  const api = new URL(apiBase);
  const upload = new URL(uploadUrl.replace(/\{.*\}$/, ''));
  const host = api.hostname.replace(/^api\./, '');
  const trusted = upload.hostname === api.hostname || upload.hostname === `uploads.${host}`;
  if (!trusted || upload.protocol !== api.protocol)
    throw new UpstreamError(`GitHub named an upload host (${upload.host}) other than its own; refused.`);
  return upload.href.replace(/\/repos\/.*$/, '');
}
