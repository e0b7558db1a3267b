import type { AnyTool } from '@refmcp/core';
import type { FsDeps } from '../deps.js';
import getFileInfo from './get_file_info.js';
import listAllowedDirectories from './list_allowed_directories.js';
import writeFile from './write_file.js';

/** Tools that never change the disk; the only ones registered with --read-only. */
export const readTools: AnyTool<FsDeps>[] = [getFileInfo, listAllowedDirectories];

export const writeTools: AnyTool<FsDeps>[] = [writeFile];
