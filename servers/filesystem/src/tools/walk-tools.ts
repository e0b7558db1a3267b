import type { AnyTool } from '@refmcp/core';
import type { FsDeps } from '../deps.js';
import directoryTree from './directory_tree.js';
import listDirectory from './list_directory.js';
import listDirectoryWithSizes from './list_directory_with_sizes.js';
import searchContent from './search_content.js';
import searchFiles from './search_files.js';

export const walkReadTools: AnyTool<FsDeps>[] = [
  listDirectory,
  listDirectoryWithSizes,
  directoryTree,
  searchFiles,
  searchContent,
];
export const walkWriteTools: AnyTool<FsDeps>[] = [];
