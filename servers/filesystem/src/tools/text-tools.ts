import type { AnyTool } from '@refmcp/core';
import type { FsDeps } from '../deps.js';
import editFile from './edit_file.js';
import readMediaFile from './read_media_file.js';
import readMultipleFiles from './read_multiple_files.js';
import readTextFile from './read_text_file.js';

export const textReadTools: AnyTool<FsDeps>[] = [readTextFile, readMediaFile, readMultipleFiles];
export const textWriteTools: AnyTool<FsDeps>[] = [editFile];
