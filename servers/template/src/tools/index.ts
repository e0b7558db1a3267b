import type { AnyTool } from '@refmcp/core';
import type { TemplateDeps } from '../deps.js';
import echo from './echo.js';
import wordCount from './word_count.js';

/** Every tool the server registers, in the order clients list them. */
export const tools: AnyTool<TemplateDeps>[] = [echo, wordCount];
