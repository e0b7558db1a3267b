import type { AnyTool } from '@refmcp/core';
import type { FsDeps } from '../deps.js';
import readTextFile from './read_text_file.js';

export const textReadTools: AnyTool<FsDeps>[] = [readTextFile];
export const textWriteTools: AnyTool<FsDeps>[] = [];
