import type { AnyTool } from '@refmcp/core';
import type { FsDeps } from '../deps.js';

export const manageReadTools: AnyTool<FsDeps>[] = [];
export const manageWriteTools: AnyTool<FsDeps>[] = [];
