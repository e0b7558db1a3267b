import type { Octokit } from '@octokit/rest';

/**
 * Conditional GETs. GitHub answers a GET with an ETag; sent back as If-None-Match, an unchanged
 * resource answers 304 with no body, and 304s do not count against the rate limit. So the last
 * response of each GET is kept (by URL and Accept, since one URL serves JSON, diffs and raw
 * files) and reused on a 304. Every read still asks GitHub, so nothing is ever stale.
 *
 * A 304 hands out the cached response object again, so code reading responses must not modify
 * them (none does: tools map API data into new objects).
 *
 * Bounded: at most `maxEntries` responses and about `maxBytes` of bodies, least recently used
 * out first; a body over an eighth of `maxBytes` is not kept.
 */
export interface EtagCacheOptions {
  maxEntries?: number;
  maxBytes?: number;
}

type Response = Awaited<ReturnType<Octokit['request']>>;
type Entry = { etag: string; response: Response; bytes: number };
type Hookable = Pick<Octokit, 'hook' | 'request'>;

/** Headers of the cached 200 that a 304 must not overwrite: they describe the body. */
const BODY_HEADERS = new Set(['content-length', 'content-type', 'content-encoding']);

function sizeOf(response: Response): number {
  const declared = Number(response.headers['content-length']);
  if (declared > 0) return declared;
  const { data } = response;
  return typeof data === 'string' ? data.length : (JSON.stringify(data)?.length ?? 0);
}

export function etagCache({ maxEntries = 500, maxBytes = 8 * 1024 * 1024 }: EtagCacheOptions = {}) {
  return (octokit: Hookable) => {
    const entries = new Map<string, Entry>();
    let bytes = 0;
    const forget = (key: string) => {
      bytes -= entries.get(key)?.bytes ?? 0;
      entries.delete(key);
    };
    const keep = (key: string, entry: Entry) => {
      forget(key);
      if (entry.bytes > maxBytes / 8) return;
      entries.set(key, entry);
      bytes += entry.bytes;
      for (const oldest of entries.keys()) {
        if (entries.size <= maxEntries && bytes <= maxBytes) break;
        forget(oldest);
      }
    };

    octokit.hook.wrap('request', async (request, options) => {
      if (options.method !== 'GET') return request(options);
      const { url, headers } = octokit.request.endpoint(options);
      const key = `${url}\n${headers.accept ?? ''}`;
      const hit = entries.get(key);
      if (hit) options.headers = { ...options.headers, 'if-none-match': hit.etag };
      try {
        const response = await request(options);
        const etag = response.headers.etag;
        if (etag && response.status === 200) keep(key, { etag, response, bytes: sizeOf(response) });
        else forget(key);
        return response;
      } catch (error) {
        const status = (error as { status?: number }).status;
        if (!hit || status !== 304) throw error;
        const fresh = (error as { response?: { headers?: Record<string, string> } }).response?.headers ?? {};
        const response: Response = {
          ...hit.response,
          headers: {
            ...hit.response.headers,
            ...Object.fromEntries(Object.entries(fresh).filter(([name]) => !BODY_HEADERS.has(name))),
          },
        };
        keep(key, { ...hit, response });
        return response;
      }
    });
    return {};
  };
}
