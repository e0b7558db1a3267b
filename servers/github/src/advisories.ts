import * as z from 'zod';
import { text } from './sanitize.js';

/** Security advisories, global (GitHub's database) or a repository's own, in one shape. */
export const advisoryOut = z.object({
  ghsaId: z.string(),
  cveId: z.string().nullable(),
  summary: z.string(),
  severity: z.string().nullable(),
  state: z.string().optional(),
  packages: z.array(
    z.object({ ecosystem: z.string(), name: z.string().nullable(), vulnerable: z.string().nullable() }),
  ),
  published: z.string().nullable(),
  withdrawn: z.string().nullable(),
  url: z.string(),
});
export const advisoryList = z.object({ advisories: z.array(advisoryOut) });

type AdvisoryData = {
  ghsa_id: string;
  cve_id: string | null;
  summary: string;
  severity: string | null;
  state?: string;
  html_url: string;
  published_at: string | null;
  withdrawn_at: string | null;
  vulnerabilities?: Array<{
    package: { ecosystem: string; name: string | null } | null;
    vulnerable_version_range: string | null;
  }> | null;
};

export const advisory = (a: AdvisoryData) => ({
  ghsaId: a.ghsa_id,
  cveId: a.cve_id,
  summary: text(a.summary) ?? '',
  severity: a.severity,
  ...(a.state && { state: a.state }),
  packages: (a.vulnerabilities ?? []).flatMap((v) =>
    v.package ? [{ ...v.package, vulnerable: v.vulnerable_version_range }] : [],
  ),
  published: a.published_at,
  withdrawn: a.withdrawn_at,
  url: a.html_url,
});

/** The sort and state filters of the repository and organization advisory lists. */
export const repoAdvisoryFilters = {
  sort: z.enum(['created', 'updated', 'published']).optional(),
  direction: z.enum(['asc', 'desc']).optional(),
  state: z.enum(['triage', 'draft', 'published', 'closed']).optional(),
};
