import type { AnyTool } from '@refmcp/core';
import type { FsDeps } from '../deps.js';
import getFileInfo from './get_file_info.js';
import listAllowedDirectories from './list_allowed_directories.js';
import { manageReadTools, manageWriteTools } from './manage-tools.js';
import { textReadTools, textWriteTools } from './text-tools.js';
import { walkReadTools, walkWriteTools } from './walk-tools.js';
import writeFile from './write_file.js';

/** Tools that never change the disk; the only ones registered with --read-only. */
export const readTools: AnyTool<FsDeps>[] = [
  ...textReadTools,
  ...walkReadTools,
  getFileInfo,
  listAllowedDirectories,
  ...manageReadTools,
];

export const writeTools: AnyTool<FsDeps>[] = [
  writeFile,
  ...textWriteTools,
  ...manageWriteTools,
  ...walkWriteTools,
];
