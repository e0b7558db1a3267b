export const MODERN_VERSION = '2026-07-28';
export function clientOptionsFor(era, extra = {}) {
    return {
        ...extra,
        versionNegotiation: { mode: era === 'modern' ? { pin: MODERN_VERSION } : 'legacy' },
    };
}
