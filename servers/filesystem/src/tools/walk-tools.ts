import type { AnyTool } from '@refmcp/core';
import type { FsDeps } from '../deps.js';

export const walkReadTools: AnyTool<FsDeps>[] = [];
export const walkWriteTools: AnyTool<FsDeps>[] = [];
