import * as z from 'zod';

export const pullNumber = z.number().min(1);

/** What the pull request writes return: enough to link to the result. */
export const prRef = z.object({ number: z.number(), url: z.string(), state: z.string() });
