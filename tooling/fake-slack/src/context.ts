// What every fake Web API method shares: its failure type, parameters and caller.
import type { FakeToken, FakeWorkspace } from './state.js';

/** An `ok:false` answer: the error code plus extra fields (`needed`, `provided`). */
export class SlackFailure extends Error {
  constructor(
    readonly code: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(code);
  }
}

export type Params = Record<string, string>;
export interface MethodContext {
  ws: FakeWorkspace;
  token: FakeToken;
  /** Where this fake listens, like http://127.0.0.1:PORT/ (file URLs point here). */
  baseUrl: string;
}

export const permalink = (ws: FakeWorkspace, channel: string, ts: string) =>
  `https://${ws.domain}.slack.com/archives/${channel}/p${ts.replace('.', '')}`;
