import { describe, expect, it } from 'vitest';
import { type CliSpec, commonOptions, type OptionSpecs, parseCli } from './config.js';
import { ConfigError } from './errors.js';

const options = {
  ...commonOptions,
  'read-only': { type: 'boolean', description: 'No writes.', env: 'DEMO_READ_ONLY' },
  'max-bytes': { type: 'integer', description: 'Cap.', env: 'DEMO_MAX_BYTES', default: 100, min: 1 },
} as const satisfies OptionSpecs;
const spec: CliSpec<typeof options> = {
  name: 'refmcp-demo',
  version: '1.0.0',
  summary: 'A demo.',
  usage: '[options] <dir...>',
  options,
};

function run(argv: string[], env: Record<string, string> = {}) {
  const result = parseCli(spec, argv, env);
  if (result.kind !== 'run') throw new Error(`expected run, got ${result.kind}`);
  return result;
}

describe('parseCli', () => {
  it('applies defaults, env values, and lets argv win over env', () => {
    expect(run(['a']).options).toMatchObject({
      'read-only': false,
      'max-bytes': 100,
      port: 3000,
      host: '127.0.0.1',
    });
    expect(run([], { DEMO_READ_ONLY: 'true', DEMO_MAX_BYTES: '7' }).options).toMatchObject({
      'read-only': true,
      'max-bytes': 7,
    });
    expect(run(['--max-bytes', '9'], { DEMO_MAX_BYTES: '7' }).options['max-bytes']).toBe(9);
    expect(run(['x', 'y']).positionals).toEqual(['x', 'y']);
    expect(run(['--allowed-hosts', 'a.example,b.example']).options['allowed-hosts']).toEqual([
      'a.example',
      'b.example',
    ]);
  });

  it('gives one clear line for bad values, naming the flag or env var', () => {
    expect(() => run(['--max-bytes', 'lots'])).toThrow(
      new ConfigError('--max-bytes must be a whole number, got "lots".'),
    );
    expect(() => run([], { DEMO_MAX_BYTES: '0' })).toThrow(/DEMO_MAX_BYTES must be between 1 and/);
    expect(() => run([], { DEMO_READ_ONLY: 'maybe' })).toThrow(/DEMO_READ_ONLY must be true or false/);
    expect(() => run(['--log-level', 'loud'])).toThrow(/--log-level must be one of debug, info/);
    expect(() => run(['--nope'])).toThrow(ConfigError);
  });

  it('refuses an empty value for a string flag', () => {
    expect(() => run(['--auth-token', ''])).toThrow(/--auth-token needs a value/);
  });

  it('prints help with env names and defaults, and the version', () => {
    const help = parseCli(spec, ['--help'], {});
    expect(help.kind).toBe('help');
    expect(help.kind === 'help' && help.text).toContain('--max-bytes <value>');
    expect(help.kind === 'help' && help.text).toContain('env DEMO_MAX_BYTES; default 100');
    expect(parseCli(spec, ['--version'], {})).toEqual({ kind: 'version', text: '1.0.0' });
  });
});
