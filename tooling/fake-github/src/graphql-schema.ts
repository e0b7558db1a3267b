import { readFile } from 'node:fs/promises';
import { buildClientSchema, extendSchema, type GraphQLSchema, type IntrospectionQuery, parse } from 'graphql';

let schema: Promise<GraphQLSchema> | undefined;

/**
 * Mutations GitHub serves (github-mcp-server calls them) that @octokit/graphql-schema 15.26.1,
 * its newest release, does not describe yet: changing and deleting a project view. Shapes as
 * github-mcp-server sends and reads them. Added only while the published schema lacks them.
 */
const MISSING = `
input ProjectV2ViewConfigurationInput { visibleFieldIds: [ID!] }
input UpdateProjectV2ViewInput {
  clientMutationId: String
  viewId: ID!
  name: String
  layout: ProjectV2ViewLayout
  filter: String
  configuration: ProjectV2ViewConfigurationInput
}
type UpdateProjectV2ViewPayload { clientMutationId: String projectV2View: ProjectV2View }
input DeleteProjectV2ViewInput { clientMutationId: String viewId: ID! }
type DeleteProjectV2ViewPayload { clientMutationId: String projectV2View: ProjectV2View }
extend type Mutation {
  updateProjectV2View(input: UpdateProjectV2ViewInput!): UpdateProjectV2ViewPayload
  deleteProjectV2View(input: DeleteProjectV2ViewInput!): DeleteProjectV2ViewPayload
}
`;

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
    const published = buildClientSchema(json);
    const has = published.getMutationType()?.getFields().updateProjectV2View !== undefined;
    return has ? published : extendSchema(published, parse(MISSING));
  })();
  return schema;
}
