import * as z from 'zod';
import { text } from './sanitize.js';
import { nextPage } from './tool-args.js';

/**
 * Security alerts (code scanning, secret scanning, Dependabot) in one trimmed shape, so a model
 * reads them alike. A secret scanning alert never carries the secret itself: the model needs its
 * type and location, not the credential.
 */

export const alertOut = z.object({
  number: z.number(),
  state: z.string(),
  severity: z.string().nullable(),
  title: z.string().describe('Rule, secret type or package'),
  summary: z.string().nullable(),
  path: z.string().nullable(),
  created: z.string(),
  url: z.string(),
});
type Alert = z.infer<typeof alertOut>;

export const alertList = z.object({ alerts: z.array(alertOut), nextPage });

export const alertNumber = z.number();

export const codeScanningAlert = (a: {
  number: number;
  state: string | null;
  rule: { id?: string | null; security_severity_level?: string | null; description?: string };
  most_recent_instance: { location?: { path?: string } };
  created_at: string;
  html_url: string;
}): Alert => ({
  number: a.number,
  state: a.state ?? 'unknown',
  severity: a.rule.security_severity_level ?? null,
  title: a.rule.id ?? '',
  summary: text(a.rule.description ?? null),
  path: a.most_recent_instance.location?.path ?? null,
  created: a.created_at,
  url: a.html_url,
});

export const secretScanningAlert = (a: {
  number?: number;
  state?: string;
  secret_type?: string;
  secret_type_display_name?: string;
  created_at?: string;
  html_url?: string;
}): Alert => ({
  number: a.number ?? 0,
  state: a.state ?? 'unknown',
  severity: null,
  title: a.secret_type ?? '',
  summary: a.secret_type_display_name ?? null,
  path: null,
  created: a.created_at ?? '',
  url: a.html_url ?? '',
});

export const dependabotAlert = (a: {
  number: number;
  state: string;
  security_advisory: { severity: string; summary: string };
  dependency: { package?: { name: string }; manifest_path?: string };
  created_at: string;
  html_url: string;
}): Alert => ({
  number: a.number,
  state: a.state,
  severity: a.security_advisory.severity,
  title: a.dependency.package?.name ?? '',
  summary: text(a.security_advisory.summary),
  path: a.dependency.manifest_path ?? null,
  created: a.created_at,
  url: a.html_url,
});
