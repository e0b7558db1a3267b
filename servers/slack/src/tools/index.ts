import { type AnyTool, selectTools } from '@refmcp/core';
import type { SlackConfig } from '../config.js';
import type { SlackDeps } from '../deps.js';
import slackAddReaction from './slack_add_reaction.js';
import slackCreateUsergroup from './slack_create_usergroup.js';
import slackDeleteMessage from './slack_delete_message.js';
import slackGetChannelHistory from './slack_get_channel_history.js';
import slackGetChannelInfo from './slack_get_channel_info.js';
import slackGetFile from './slack_get_file.js';
import slackGetPermalink from './slack_get_permalink.js';
import slackGetThreadReplies from './slack_get_thread_replies.js';
import slackGetUnreads from './slack_get_unreads.js';
import slackGetUserProfile from './slack_get_user_profile.js';
import slackGetUsers from './slack_get_users.js';
import slackListChannelMembers from './slack_list_channel_members.js';
import slackListChannels from './slack_list_channels.js';
import slackListUsergroups from './slack_list_usergroups.js';
import slackMarkRead from './slack_mark_read.js';
import slackOpenConversation from './slack_open_conversation.js';
import slackPostMessage from './slack_post_message.js';
import slackRemoveReaction from './slack_remove_reaction.js';
import slackReplyToThread from './slack_reply_to_thread.js';
import slackSearchMessages from './slack_search_messages.js';
import slackSearchUsers from './slack_search_users.js';
import slackUpdateMessage from './slack_update_message.js';
import slackUpdateUsergroupMembers from './slack_update_usergroup_members.js';
import slackUploadFile from './slack_upload_file.js';

/** Every tool of the server, in the order clients list them. */
export const catalog: AnyTool<SlackDeps>[] = [
  slackListChannels,
  slackGetChannelInfo,
  slackListChannelMembers,
  slackGetChannelHistory,
  slackGetThreadReplies,
  slackGetPermalink,
  slackGetUsers,
  slackGetUserProfile,
  slackSearchUsers,
  slackListUsergroups,
  slackSearchMessages,
  slackGetUnreads,
  slackGetFile,
  slackOpenConversation,
  slackPostMessage,
  slackReplyToThread,
  slackUpdateMessage,
  slackDeleteMessage,
  slackUploadFile,
  slackAddReaction,
  slackRemoveReaction,
  slackMarkRead,
  slackCreateUsergroup,
  slackUpdateUsergroupMembers,
];

/**
 * The tools a configuration offers. Each tool names its switch (`gate`): 'write' for posting,
 * editing, deleting, uploading and reactions, 'dm' for opening DMs (writes and DMs both on), 'mark-read', 'usergroup-write', and 'user-token' for what only a user token can do.
 * Security: a tool whose switch is off is not registered at all, so a model cannot call it and a
 * host never shows it; --tools cannot turn a switch on.
 */
export function toolsFor(config: SlackConfig): AnyTool<SlackDeps>[] {
  return selectTools(catalog, {
    gates: {
      write:
        config.allowWrite ||
        'writes are off by default; restart the server with --allow-write (or SLACK_ALLOW_WRITE=true) to allow them',
      dm:
        (config.allowWrite && config.allowDm) ||
        'opening DMs is off by default; restart the server with --allow-write and --allow-dm (or SLACK_ALLOW_WRITE=true and SLACK_ALLOW_DM=true)',
      'mark-read':
        config.allowMarkRead ||
        'marking read is off by default; restart the server with --allow-mark-read (or SLACK_ALLOW_MARK_READ=true)',
      'usergroup-write':
        config.allowUsergroupWrite ||
        'user group changes are off by default; restart the server with --allow-usergroup-write (or SLACK_ALLOW_USERGROUP_WRITE=true)',
      'user-token': config.tokenKind === 'user' || 'it needs a user token (SLACK_USER_TOKEN)',
    },
    tools: config.tools,
    excludeTools: config.excludeTools,
  });
}
