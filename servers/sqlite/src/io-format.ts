import { InvalidInputError } from '@refmcp/core';
import * as z from 'zod';

export const ioFormat = z
  .enum(['csv', 'json'])
  .optional()
  .describe('csv or json; default: from the file extension (.csv, .json)');

/** The format asked for, else the file's extension says it. */
export function formatOf(file: string, format: 'csv' | 'json' | undefined): 'csv' | 'json' {
  if (format) return format;
  const ext = /\.(csv|json)$/i.exec(file)?.[1]?.toLowerCase();
  if (ext === 'csv' || ext === 'json') return ext;
  throw new InvalidInputError(`Cannot tell the format of ${file} from its extension.`, {
    hint: 'Pass format: "csv" or "json".',
  });
}
