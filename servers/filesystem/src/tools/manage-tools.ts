import type { AnyTool } from '@refmcp/core';
import type { FsDeps } from '../deps.js';
import copyPath from './copy_path.js';
import createDirectory from './create_directory.js';
import deletePath from './delete_path.js';
import moveFile from './move_file.js';

export const manageReadTools: AnyTool<FsDeps>[] = [];
export const manageWriteTools: AnyTool<FsDeps>[] = [createDirectory, moveFile, copyPath, deletePath];
