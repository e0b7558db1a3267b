import * as z from 'zod';
import { text } from './sanitize.js';

export const milestoneOut = z.object({
  number: z.number(),
  title: z.string(),
  description: z.string().nullable(),
  state: z.string(),
  dueOn: z.string().nullable(),
  openIssues: z.number(),
  closedIssues: z.number(),
  url: z.string(),
});

type MilestoneData = {
  number: number;
  title: string;
  description: string | null;
  state: string;
  due_on: string | null;
  open_issues: number;
  closed_issues: number;
  html_url: string;
};

export const trimMilestone = (m: MilestoneData) => ({
  number: m.number,
  title: text(m.title) ?? '',
  description: text(m.description, 500),
  state: m.state,
  dueOn: m.due_on,
  openIssues: m.open_issues,
  closedIssues: m.closed_issues,
  url: m.html_url,
});
