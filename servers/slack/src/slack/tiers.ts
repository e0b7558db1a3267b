/**
 * Slack's rate-limit tiers, from each method's page on api.slack.com ("Rate limits"): roughly
 * Tier 1 1+/min, Tier 2 20+/min, Tier 3 50+/min, Tier 4 100+/min; "special" methods have their own
 * rules (chat.postMessage: about one message a second per channel). Each tier gets its own client,
 * so a 429 on a Tier 2 method (search, users.list) holds only that tier's queue while the client
 * waits out the Retry-After; the others go on.
 */
export type Tier = 1 | 2 | 3 | 4 | 'special';

const TIERS: Record<string, Tier> = {
  'auth.test': 'special',
  'chat.delete': 3,
  'chat.getPermalink': 'special',
  'chat.postMessage': 'special',
  'chat.update': 3,
  'conversations.history': 3,
  'conversations.info': 3,
  'conversations.list': 2,
  'conversations.mark': 3,
  'conversations.members': 4,
  'conversations.open': 3,
  'conversations.replies': 3,
  'files.completeUploadExternal': 4,
  'files.getUploadURLExternal': 4,
  'files.info': 4,
  'reactions.add': 3,
  'reactions.remove': 2,
  'search.messages': 2,
  'usergroups.create': 2,
  'usergroups.list': 2,
  'usergroups.users.update': 2,
  'users.conversations': 3,
  'users.info': 4,
  'users.list': 2,
  'users.lookupByEmail': 3,
  'users.profile.get': 4,
};

/** Requests in flight at once per tier: a burst stays within what the tier allows a minute. */
export const TIER_CONCURRENCY: Record<Tier, number> = { 1: 1, 2: 2, 3: 4, 4: 8, special: 4 };

/** Unknown methods count as Tier 2, the cautious middle. */
export const tierOf = (method: string): Tier => TIERS[method] ?? 2;
