import {
  type DocumentNode,
  execute,
  GraphQLError,
  type GraphQLFormattedError,
  parse,
  validate,
} from 'graphql';
import { discussionMutations, discussionNode, repositoryDiscussionFields } from './graphql-discussions.js';
import { projectMutations, projectNode, projectOwnerRoots } from './graphql-projects.js';
import { pullDraftMutations } from './graphql-pull-mutations.js';
import { reviewMutations } from './graphql-review-mutations.js';
import { findReviewNode, repositoryPullFields } from './graphql-reviews.js';
import { githubSchema } from './graphql-schema.js';
import { userRoot } from './graphql-teams.js';
import { actor, type GraphqlContext, gqlError, parseNodeId } from './graphql-views.js';
import type { Reply } from './http.js';
import type { Urls } from './shapes.js';
import type { FakeGitHub, FakeRepo } from './state.js';

/**
 * GitHub's GraphQL endpoint (POST /graphql; /api/graphql on Enterprise Server). Every query is
 * checked against GitHub's published schema before it runs, so a field or argument GitHub does
 * not have fails the call as it would on GitHub; execution is graphql-js's over resolvers that
 * read and change the fake's world. Answers are 200s with `data` and/or `errors`, each error
 * carrying GitHub's `type` (NOT_FOUND, FORBIDDEN, UNPROCESSABLE …).
 */

function repositoryView(ctx: GraphqlContext, repo: FakeRepo): Record<string, unknown> {
  return {
    __typename: 'Repository',
    id: `R_${repo.id}`,
    databaseId: repo.id,
    name: repo.name,
    nameWithOwner: `${repo.owner}/${repo.name}`,
    owner: actor(ctx, repo.owner),
    isPrivate: repo.private,
    url: `${ctx.urls.web}/${repo.owner}/${repo.name}`,
    ...repositoryDiscussionFields(ctx, repo),
    ...repositoryPullFields(ctx, repo),
  };
}

/** Query and Mutation fields in one root: graphql-js hands the root value to both. */
function root(ctx: GraphqlContext) {
  const owners = projectOwnerRoots(ctx);
  const users = userRoot(ctx);
  return {
    viewer: () => actor(ctx, ctx.login),
    // One User object: its organizations (teams) and its projects.
    user: (args: { login: string }) => ({ ...users.user(args), ...owners.user(args) }),
    organization: owners.organization,
    repository: ({ owner, name }: { owner: string; name: string }) => {
      const repo = ctx.gh.repo(owner, name);
      // Security: a private repository the viewer cannot see answers like a missing one.
      if (!repo || !ctx.gh.canSee(repo, ctx.login)) {
        throw gqlError('NOT_FOUND', `Could not resolve to a Repository with the name '${owner}/${name}'.`);
      }
      return repositoryView(ctx, repo);
    },
    node: ({ id }: { id: string }) => {
      const parsed = parseNodeId(id);
      if (parsed?.prefix === 'R') {
        const repo = [...ctx.gh.repos.values()].find((r) => r.id === parsed.id);
        if (repo && ctx.gh.canSee(repo, ctx.login)) return repositoryView(ctx, repo);
      }
      const project = projectNode(ctx, id);
      if (project) return project;
      const discussion = discussionNode(ctx, id);
      if (discussion) return discussion;
      const review = findReviewNode(ctx, id);
      if (review) return review.view;
      throw gqlError('NOT_FOUND', `Could not resolve to a node with the global id of '${id}'`);
    },
    ...discussionMutations(ctx),
    ...projectMutations(ctx),
    ...reviewMutations(ctx),
    ...pullDraftMutations(ctx),
  };
}

/** GitHub puts the error type beside the message, not under `extensions`. */
function githubError(error: GraphQLFormattedError): Record<string, unknown> {
  const { extensions, ...rest } = error;
  return { ...(typeof extensions?.type === 'string' && { type: extensions.type }), ...rest };
}

export interface GraphqlRequest {
  gh: FakeGitHub;
  urls: Urls;
  login: string;
  token: string;
  body: Record<string, unknown>;
}

export async function answerGraphql({ gh, urls, login, token, body }: GraphqlRequest): Promise<Reply> {
  const query = typeof body.query === 'string' ? body.query : '';
  const variables = (body.variables ?? {}) as Record<string, unknown>;
  const call = { query, variables, token, login, errors: [] as string[] };
  gh.graphqlCalls.push(call);
  const fail = (errors: readonly GraphQLError[]) => {
    call.errors = errors.map((e) => e.message);
    return { status: 200, body: { errors: errors.map((e) => githubError(e.toJSON())) } };
  };
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch (error) {
    return fail([error instanceof GraphQLError ? error : new GraphQLError(String(error))]);
  }
  const schema = await githubSchema();
  const invalid = validate(schema, document);
  if (invalid.length > 0) return fail(invalid);
  const ctx: GraphqlContext = { gh, login, urls };
  const result = await execute({
    schema,
    document,
    rootValue: root(ctx),
    contextValue: ctx,
    variableValues: variables,
    ...(typeof body.operationName === 'string' && { operationName: body.operationName }),
  });
  call.errors = (result.errors ?? []).map((e) => e.message);
  const errors = result.errors?.map((e) => githubError(e.toJSON()));
  return {
    status: 200,
    body: { ...(result.data !== undefined && { data: result.data }), ...(errors && { errors }) },
  };
}
