import * as z from 'zod';
import { type AnyTool, type ToolContext, writes } from '../tool.js';
import type { UpstreamAuth, UpstreamCredential } from './upstream-auth.js';

export interface IdentityOptions<Deps> {
  /** The upstream scopes a tool needs (from the tool's metadata); none when omitted. */
  scopes?: (tool: AnyTool<Deps>) => readonly string[];
  /** The tool's deps for this caller: the shared ones with a client holding the caller's token. */
  depsFor: (credential: UpstreamCredential, shared: Deps) => Deps;
}

/**
 * A tool that runs as its caller upstream: the caller's own credential is resolved before the
 * approval question and the call (a caller without one gets the link step), the audit record names
 * the upstream account, and a token the upstream refuses leads back to the link step instead of a
 * bare 401.
 */
export function withUpstreamIdentity<Deps>(
  tool: AnyTool<Deps>,
  auth: UpstreamAuth,
  options: IdentityOptions<Deps>,
): AnyTool<Deps> {
  const needed = options.scopes?.(tool) ?? [];
  const asCaller = async (ctx: ToolContext<Deps>): Promise<ToolContext<Deps>> => {
    const credential = await auth.credential(ctx.sdk, needed);
    ctx.audit({ upstream: `${auth.provider.id}:${credential.login}` });
    return { ...ctx, deps: options.depsFor(credential, ctx.deps) };
  };
  const refusedToken = (error: unknown, ctx: ToolContext<Deps>) => {
    if (auth.provider.isUnauthorized(error)) {
      return auth.relink(
        ctx.sdk,
        `${auth.provider.title} no longer accepts your linked account's token (revoked or expired).`,
      );
    }
    const scope = auth.provider.missingScope?.(error);
    return scope ? auth.stepUp(ctx.sdk, scope) : Promise.reject(error);
  };
  const { confirm } = tool;
  return {
    ...tool,
    ...(confirm && {
      confirm: async (input, ctx) => {
        const own = await asCaller(ctx);
        return Promise.resolve()
          .then(() => confirm(input, own))
          .catch((error: unknown) => refusedToken(error, ctx));
      },
    }),
    handler: async (input, ctx) => {
      const own = await asCaller(ctx);
      return tool.handler(input, own).catch((error: unknown) => refusedToken(error, ctx));
    },
  };
}

/** `unlink_account`: forget the caller's upstream token (they can link again any time). */
export function unlinkTool<Deps>(auth: UpstreamAuth): AnyTool<Deps> {
  const title = auth.provider.title;
  return {
    name: 'unlink_account',
    title: `Unlink your ${title} account`,
    description: `Forget the ${title} token this server holds for you. Later calls ask you to link again. Does not revoke the authorization on ${title} itself.`,
    inputSchema: z.object({}),
    outputSchema: z.object({
      unlinked: z.boolean().describe('False when no account was linked.'),
      provider: z.string(),
    }),
    annotations: writes({ openWorld: false, idempotent: true }),
    gate: null,
    handler: async (_input, ctx) => ({ unlinked: await auth.unlink(ctx.sdk), provider: auth.provider.id }),
  };
}
