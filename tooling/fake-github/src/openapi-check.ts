import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * Checks the fake's responses against GitHub's published OpenAPI description, so the fake cannot
 * drift into a convenient fiction. Test-only: it loads a 13 MB JSON file.
 */

interface Operation {
  responses?: Record<string, { $ref?: string; content?: Record<string, { schema?: unknown }> }>;
}

export interface OpenApiChecker {
  /** Errors for one response; empty when it conforms. Throws when the endpoint is not in the spec. */
  check(method: string, path: string, status: number, body: unknown): string[];
}

export function loadOpenApi(): OpenApiChecker {
  const require = createRequire(import.meta.url);
  const file = require.resolve('@octokit/openapi/generated/api.github.com.json');
  const spec = JSON.parse(readFileSync(file, 'utf8')) as {
    paths: Record<string, Record<string, Operation>>;
    components: Record<string, Record<string, Operation>>;
  };
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
  (addFormats as unknown as (a: Ajv) => void)(ajv);
  ajv.addSchema(toJsonSchema({ components: spec.components }) as object, 'gh');
  const templates = Object.keys(spec.paths).map((template) => ({
    template,
    pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
  }));
  // Concrete templates (`/releases/latest`) win over parameterised ones (`/releases/{id}`).
  templates.sort((a, b) => (a.template.match(/\{/g)?.length ?? 0) - (b.template.match(/\{/g)?.length ?? 0));

  return {
    check(method, path, status, body) {
      // A file path contains slashes that the spec's single `{path}` parameter stands for.
      const normalized = path
        .replace(/\/contents(\/.*)?$/, '/contents/x')
        .replace(/\/git\/(ref|refs)\/.+$/, '/git/$1/x');
      const found = templates.find((t) => t.pattern.test(normalized));
      const op = found && spec.paths[found.template]?.[method.toLowerCase()];
      if (!found || !op) throw new Error(`${method} ${path} is not in GitHub's OpenAPI description`);
      let response = op.responses?.[String(status)];
      // Authentication, rate-limit and server errors can come from any endpoint; the spec lists them on few.
      // A GET with If-None-Match can be answered 304 with no body anywhere.
      if (!response && status === 304 && method === 'GET') return [];
      if (!response && ([401, 403, 429].includes(status) || status >= 500)) {
        response = {
          content: { 'application/json': { schema: { $ref: '#/components/schemas/basic-error' } } },
        };
      }
      // Writes GitHub refuses as invalid answer 422 even where the description lists no 422 (a
      // reply while the user has a pending review), in its documented validation-error shape.
      if (!response && status === 422 && method !== 'GET') {
        response = {
          content: { 'application/json': { schema: { $ref: '#/components/schemas/validation-error' } } },
        };
      }
      if (!response) return [`status ${status} is not documented for ${method} ${found.template}`];
      if (response.$ref) {
        const name = response.$ref.split('/').at(-1) ?? '';
        response = spec.components.responses?.[name] as typeof response;
      }
      const schema = response?.content?.['application/json']?.schema;
      if (!schema) return [];
      const validate = ajv.compile(toJsonSchema(rewriteRefs(schema)) as object);
      if (validate(body)) return [];
      // A oneOf whose branches overlap (basic-error vs. rule-violation error) is the spec's ambiguity.
      const errors = (validate.errors ?? []).filter(
        (e) => !(e.keyword === 'oneOf' && e.params.passingSchemas),
      );
      return errors.slice(0, 5).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
    },
  };
}

/** `#/components/...` inside an operation refers to the spec document, registered as `gh`. */
function rewriteRefs(schema: unknown): unknown {
  return JSON.parse(JSON.stringify(schema).replace(/"\$ref":"#\//g, '"$ref":"gh#/'));
}

/** OpenAPI 3.0's `nullable: true` becomes JSON Schema's `null` type, which Ajv understands everywhere. */
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node))
    out[k] = k === 'example' || k === 'examples' ? v : toJsonSchema(v);
  if (out.nullable !== true) return out;
  delete out.nullable;
  if (typeof out.type === 'string') {
    out.type = [out.type, 'null'];
    if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
    return out;
  }
  return { anyOf: [out, { type: 'null' }] };
}
