import type { ContentBlock, ServerContext } from '@modelcontextprotocol/server';
import type * as z from 'zod';
import type { AuditNote } from './audit.js';
import type { Logger } from './logger.js';

/** All four hints are required: hosts decide what to auto-approve from them. */
export interface ToolAnnotations {
  readOnlyHint: boolean;
  destructiveHint: boolean;
  idempotentHint: boolean;
  openWorldHint: boolean;
}

export type ProgressReporter = (progress: number, total?: number, message?: string) => void;

/** What a tool handler gets besides its input. `deps` is whatever the server shares with its tools. */
export interface ToolContext<Deps> {
  deps: Deps;
  /** Aborted when the client cancels the call or the connection goes away. */
  signal: AbortSignal;
  /** Sends `notifications/progress` when the client asked for progress; a no-op otherwise. */
  progress: ProgressReporter;
  /** Logs on stderr and, where the era has them, as MCP log notifications to the client. */
  log: Logger;
  /** The protocol era of the request being served. */
  era: 'legacy' | 'modern';
  /** The underlying SDK context, for the rare tool that needs more (elicitation, roots). */
  sdk: ServerContext;
  /** Adds to this call's audit record (who confirmed it, the upstream account that acted). */
  audit: (note: AuditNote) => void;
}

/**
 * A reply with extra content blocks (an image, an embedded resource) next to the structured
 * output, or with its text view already made (`text`, in place of `render`'s) where the data was
 * produced, such as rows rendered by the database worker that read them. With `text`, `textJson`
 * may carry it already encoded (exactly `JSON.stringify(text)`), made piece by piece while the
 * text was: over stdio a big text is then not encoded again. Tools that only return data return
 * the data itself.
 */
export class ToolReply<Out> {
  constructor(
    readonly structured: Out,
    readonly content: ContentBlock[],
    readonly text?: string,
    readonly textJson?: string,
  ) {}
}

export function reply<Out>(
  structured: Out,
  content: ContentBlock[],
  options: { text?: string; textJson?: string } = {},
): ToolReply<Out> {
  return new ToolReply(
    structured,
    content,
    options.text,
    options.text === undefined ? undefined : options.textJson,
  );
}

export interface ToolDefinition<
  In extends z.ZodObject = z.ZodObject,
  Out extends z.ZodObject = z.ZodObject,
  Deps = unknown,
> {
  /** snake_case; stable across releases because prompts and host configs name it. */
  name: string;
  title: string;
  /** Written for a model: what it does, units and limits, when to use another tool. */
  description: string;
  inputSchema: In;
  outputSchema: Out;
  /** Usually a preset: `readOnly`, `writes` or `destructive`. */
  annotations: ToolAnnotations;
  /** The group `--toolsets` chooses it by, for servers that have toolsets. */
  toolset?: string;
  /**
   * The server switch that must be on for the tool to be offered at all. Tools that change
   * something are behind 'write' unless they name another switch; read-only tools are behind
   * none. `null` offers the tool whatever the switches say.
   */
  gate?: string | null;
  /**
   * What this call would do that cannot be undone, as a sentence the user approves ("Delete
   * src/old.ts (12 files)"), or undefined when this particular call can be undone (a write that
   * creates a new file). Without it, a destructive tool asks with its title and arguments; with
   * it, any tool that writes can ask (a post people will read is additive, yet final).
   */
  confirm?: (input: z.output<In>, ctx: ToolContext<Deps>) => string | undefined | Promise<string | undefined>;
  handler: (input: z.output<In>, ctx: ToolContext<Deps>) => Promise<z.input<Out> | ToolReply<z.input<Out>>>;
  /** The compact text the model reads. Defaults to a terse rendering of the structured output. */
  render?: (output: z.output<Out>) => string;
}

// biome-ignore lint/suspicious/noExplicitAny: a heterogeneous list of tools needs an erased element type.
export type AnyTool<Deps> = ToolDefinition<any, any, Deps>;

/** A typed identity: it exists so a tool file reads as one declaration and TypeScript checks it. */
export function defineTool<In extends z.ZodObject, Out extends z.ZodObject, Deps = unknown>(
  definition: ToolDefinition<In, Out, Deps>,
): ToolDefinition<In, Out, Deps> {
  return definition;
}

/**
 * `defineTool` with a server's deps type bound once, so handlers see `ctx.deps` typed:
 * `export const defineTool = toolsOf<MyDeps>()` in the server's deps file.
 */
export function toolsOf<Deps>(): <In extends z.ZodObject, Out extends z.ZodObject>(
  definition: ToolDefinition<In, Out, Deps>,
) => ToolDefinition<In, Out, Deps> {
  return defineTool;
}

interface HintOptions {
  /** True when the tool talks to a service beyond the machine (GitHub, Slack). */
  openWorld: boolean;
  /** True when calling it twice with the same input leaves things as calling it once. */
  idempotent?: boolean;
}

/** Reads only; repeating a read changes nothing. */
export const readOnly = ({ openWorld }: Omit<HintOptions, 'idempotent'>): ToolAnnotations => ({
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: openWorld,
});

/** Changes something, but only adds or updates: nothing existing is lost. */
export const writes = ({ openWorld, idempotent = false }: HintOptions): ToolAnnotations => ({
  readOnlyHint: false,
  destructiveHint: false,
  idempotentHint: idempotent,
  openWorldHint: openWorld,
});

/** Can delete or overwrite what exists. */
export const destructive = ({ openWorld, idempotent = false }: HintOptions): ToolAnnotations => ({
  readOnlyHint: false,
  destructiveHint: true,
  idempotentHint: idempotent,
  openWorldHint: openWorld,
});

/** A terse, stable text view of structured output: readable for a model, cheaper than pretty JSON. */
export function renderCompact(value: unknown): string {
  return JSON.stringify(value);
}
