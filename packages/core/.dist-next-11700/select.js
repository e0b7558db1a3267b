import { ConfigError } from './errors.js';
/** The switch a tool is behind: its own `gate`, else 'write' for tools that change something. */
export function gateOf(tool) {
    if (tool.gate !== undefined)
        return tool.gate;
    return tool.annotations.readOnlyHint ? null : 'write';
}
/** Toolset names in the order their first tool appears in the catalog. */
export function toolsetsOf(catalog) {
    return [...new Set(catalog.flatMap((t) => (t.toolset ? [t.toolset] : [])))];
}
/**
 * The tools `choice` offers, in catalog order. Security: the gates decide last, so neither
 * `--tools` nor a toolset can bring back a tool whose switch is off (a write tool in read-only
 * mode). An unknown tool or toolset name is a ConfigError: a typo must not silently offer less.
 */
export function selectTools(catalog, choice) {
    const known = new Set(catalog.map((t) => t.name));
    for (const [flag, names] of [
        ['--tools', choice.tools],
        ['--exclude-tools', choice.excludeTools],
    ]) {
        const unknown = names.find((name) => !known.has(name));
        if (unknown !== undefined)
            throw new ConfigError(`Unknown tool "${unknown}" in ${flag}.`);
    }
    const chosen = new Set(choice.toolsets ? namesInToolsets(catalog, choice.toolsets) : []);
    if (!choice.toolsets && choice.tools.length === 0)
        for (const name of known)
            chosen.add(name);
    for (const name of choice.tools)
        chosen.add(name);
    const unavailable = new Map();
    for (const name of choice.excludeTools) {
        if (chosen.delete(name))
            unavailable.set(name, 'left out with --exclude-tools');
    }
    const offered = catalog.filter((tool) => {
        if (!chosen.has(tool.name))
            return false;
        const gate = gateOf(tool);
        const state = gate === null ? true : (choice.gates[gate] ?? false);
        if (typeof state === 'string')
            unavailable.set(tool.name, state);
        return state === true;
    });
    return Object.assign(offered, { unavailable });
}
function namesInToolsets(catalog, { chosen, defaults }) {
    const all = toolsetsOf(catalog);
    const sets = new Set();
    for (const raw of chosen) {
        const name = raw.trim().toLowerCase();
        if (name === 'all')
            for (const set of all)
                sets.add(set);
        else if (name === 'default')
            for (const set of defaults)
                sets.add(set);
        else if (all.includes(name))
            sets.add(name);
        else
            throw new ConfigError(`Unknown toolset "${raw}". Known: ${all.join(', ')}, all, default.`);
    }
    return catalog.filter((t) => t.toolset !== undefined && sets.has(t.toolset)).map((t) => t.name);
}
/**
 * `--tools` and `--exclude-tools`, with `<PREFIX>_TOOLS` and `<PREFIX>_EXCLUDE_TOOLS` in the
 * environment. `withToolsets` says whether `--tools` adds to the toolsets or stands alone.
 */
export function toolChoiceOptions(envPrefix, { withToolsets = false } = {}) {
    return {
        tools: {
            type: 'list',
            description: withToolsets
                ? 'Extra tools to enable by name, on top of the toolsets.'
                : 'Offer only these tools (comma-separated names); write tools still need their switch.',
            env: `${envPrefix}_TOOLS`,
            placeholder: '<names>',
        },
        'exclude-tools': {
            type: 'list',
            description: 'Tools to leave out by name.',
            env: `${envPrefix}_EXCLUDE_TOOLS`,
            placeholder: '<names>',
        },
    };
}
/** The `tools`/`excludeTools` part of a ToolChoice, from parsed options. */
export function toolChoiceFrom(options) {
    return { tools: options.tools, excludeTools: options['exclude-tools'] };
}
