import type { AnyTool } from '@refmcp/core';
import type { FsDeps } from '../deps.js';

export const textReadTools: AnyTool<FsDeps>[] = [];
export const textWriteTools: AnyTool<FsDeps>[] = [];
