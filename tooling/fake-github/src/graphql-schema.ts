import { readFile } from 'node:fs/promises';
import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery } from 'graphql';

let schema: Promise<GraphQLSchema> | undefined;

/**
 * GitHub's published GraphQL schema (@octokit/graphql-schema), built once per process on first
 * use (~0.5 s). Read from the package's introspection JSON rather than through its entry point,
 * which parses that JSON twice and builds a schema of its own as it loads (~1.1 s more), and
 * rather than its schema.graphql, which defines two fields of EnterpriseOwnerInfo twice (graphql-js
 * refuses that) and builds slower.
 */
export function githubSchema(): Promise<GraphQLSchema> {
  schema ??= (async () => {
    const file = new URL('schema.json', import.meta.resolve('@octokit/graphql-schema'));
    const json = JSON.parse(await readFile(file, 'utf8')) as IntrospectionQuery;
    return buildClientSchema(json);
  })();
  return schema;
}
