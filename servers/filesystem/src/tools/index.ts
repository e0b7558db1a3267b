import { type AnyTool, selectTools } from '@refmcp/core';
import type { FilesystemConfig } from '../config.js';
import type { FsDeps } from '../deps.js';
import calculateDirectorySize from './calculate_directory_size.js';
import copyPath from './copy_path.js';
import createDirectory from './create_directory.js';
import deletePath from './delete_path.js';
import directoryTree from './directory_tree.js';
import editFile from './edit_file.js';
import getFileInfo from './get_file_info.js';
import listAllowedDirectories from './list_allowed_directories.js';
import listDirectory from './list_directory.js';
import listDirectoryWithSizes from './list_directory_with_sizes.js';
import moveFile from './move_file.js';
import readMediaFile from './read_media_file.js';
import readMultipleFiles from './read_multiple_files.js';
import readTextFile from './read_text_file.js';
import searchContent from './search_content.js';
import searchFiles from './search_files.js';
import unzipFile from './unzip_file.js';
import writeFile from './write_file.js';
import zipDirectory from './zip_directory.js';
import zipFiles from './zip_files.js';

/** Every tool of the server, in the order clients list them: the reads, then what changes the disk. */
export const catalog: AnyTool<FsDeps>[] = [
  readTextFile,
  readMediaFile,
  readMultipleFiles,
  listDirectory,
  listDirectoryWithSizes,
  directoryTree,
  searchFiles,
  searchContent,
  getFileInfo,
  calculateDirectorySize,
  listAllowedDirectories,
  writeFile,
  editFile,
  createDirectory,
  moveFile,
  copyPath,
  deletePath,
  zipFiles,
  zipDirectory,
  unzipFile,
];

/**
 * The tools this config offers: --tools and --exclude-tools, then each tool's own gate. Security:
 * every tool that writes, moves or deletes is behind the 'write' switch, which --read-only turns
 * off, and no --tools can bring one back.
 */
export function toolsFor(config: FilesystemConfig): AnyTool<FsDeps>[] {
  return selectTools(catalog, {
    gates: {
      write: config.readOnly
        ? 'the server runs in read-only mode (--read-only or FS_READ_ONLY); restart it without that to allow changes'
        : true,
    },
    tools: config.tools,
    excludeTools: config.excludeTools,
  });
}
