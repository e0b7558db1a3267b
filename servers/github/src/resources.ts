import type { McpServer } from '@modelcontextprotocol/server';
import type { GitHubDeps } from './deps.js';

export function registerResources(_server: McpServer, _deps: GitHubDeps): void {}
