import type { OptionValues } from './config.js';
import type { AnyTool } from './tool.js';
/**
 * Which tools a server offers, decided once from each tool's own metadata (its `toolset` and
 * `gate`), so no server keeps a second list of who belongs where.
 */
export interface ToolChoice {
    /**
     * The server's switches: `true` is on; `false`, or a reason such as 'the server runs with
     * --read-only', is off. A tool behind a switch that is off is never offered; with a reason, a
     * client that calls it anyway is told the reason.
     */
    gates: Readonly<Record<string, boolean | string>>;
    /** `--tools`: with toolsets, tools added to theirs; without, the only tools offered (empty: all). */
    tools: readonly string[];
    /** `--exclude-tools`: left out whatever else chose them. */
    excludeTools: readonly string[];
    /** `--toolsets`, for servers whose tools carry a toolset: names, `default` or `all`. */
    toolsets?: {
        chosen: readonly string[];
        defaults: readonly string[];
    };
}
/** The switch a tool is behind: its own `gate`, else 'write' for tools that change something. */
export declare function gateOf(tool: AnyTool<never>): string | null;
/** Toolset names in the order their first tool appears in the catalog. */
export declare function toolsetsOf(catalog: ReadonlyArray<AnyTool<never>>): string[];
/**
 * The offered tools, carrying the ones the choice named but does not offer, each with why (a
 * switch that is off, or --exclude-tools): the app tells a client that calls one of them.
 */
export type ToolOffer<T> = T[] & {
    readonly unavailable: ReadonlyMap<string, string>;
};
/**
 * The tools `choice` offers, in catalog order. Security: the gates decide last, so neither
 * `--tools` nor a toolset can bring back a tool whose switch is off (a write tool in read-only
 * mode). An unknown tool or toolset name is a ConfigError: a typo must not silently offer less.
 */
export declare function selectTools<T extends AnyTool<never>>(catalog: readonly T[], choice: ToolChoice): ToolOffer<T>;
/**
 * `--tools` and `--exclude-tools`, with `<PREFIX>_TOOLS` and `<PREFIX>_EXCLUDE_TOOLS` in the
 * environment. `withToolsets` says whether `--tools` adds to the toolsets or stands alone.
 */
export declare function toolChoiceOptions<P extends string>(envPrefix: P, { withToolsets }?: {
    withToolsets?: boolean | undefined;
}): {
    readonly tools: {
        readonly type: 'list';
        readonly description: "Extra tools to enable by name, on top of the toolsets." | "Offer only these tools (comma-separated names); write tools still need their switch.";
        readonly env: `${P}_TOOLS`;
        readonly placeholder: '<names>';
    };
    readonly 'exclude-tools': {
        readonly type: 'list';
        readonly description: 'Tools to leave out by name.';
        readonly env: `${P}_EXCLUDE_TOOLS`;
        readonly placeholder: '<names>';
    };
};
type ToolChoiceOptionValues = OptionValues<ReturnType<typeof toolChoiceOptions>>;
/** The `tools`/`excludeTools` part of a ToolChoice, from parsed options. */
export declare function toolChoiceFrom(options: ToolChoiceOptionValues): {
    tools: string[];
    excludeTools: string[];
};
export {};
