import * as z from 'zod';

/** Arguments and paging that many GitHub tools share, described once. */

export const owner = z.string();
export const repo = z.string();
export const order = z.enum(['asc', 'desc']).optional();

export const paging = {
  page: z.number().min(1).optional(),
  perPage: z.number().min(1).max(100).optional(),
};
export const nextPage = z.number().optional();

/** The `page` to ask for next, from GitHub's Link header. */
export function nextPageOf(headers: { link?: string | undefined }): { nextPage?: number } {
  const next = /<([^>]+)>;\s*rel="next"/.exec(headers.link ?? '')?.[1];
  const page = next ? Number(new URL(next).searchParams.get('page')) : undefined;
  return page ? { nextPage: page } : {};
}

export const pageParams = (input: { page?: number | undefined; perPage?: number | undefined }) => ({
  page: input.page ?? 1,
  per_page: input.perPage ?? 30,
});

/** owner and repo with the page to read, as most list endpoints take them. */
export const repoPage = (
  input: { owner: string; repo: string; page?: number | undefined; perPage?: number | undefined },
  signal: AbortSignal,
) => ({ owner: input.owner, repo: input.repo, ...pageParams(input), request: { signal } });

/** A search's query, sort, order and page, as GitHub's search endpoints take them. */
export const searchParams = <Sort extends string = never>(
  input: {
    query: string;
    sort?: Sort | undefined;
    order?: 'asc' | 'desc' | undefined;
    page?: number | undefined;
    perPage?: number | undefined;
  },
  signal: AbortSignal,
) => ({
  q: input.query,
  ...(input.sort && { sort: input.sort }),
  ...(input.order && { order: input.order }),
  ...pageParams(input),
  request: { signal },
});
