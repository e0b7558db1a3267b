import path from 'node:path';

/**
 * MIME types by extension, shared by resources and read_media_file.
 * Extensions whose content is binary whatever its bytes look like:
 */
const BINARY: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.bmp': 'image/bmp',
  '.ico': 'image/x-icon',
  '.avif': 'image/avif',
  '.tif': 'image/tiff',
  '.tiff': 'image/tiff',
  '.pdf': 'application/pdf',
  '.zip': 'application/zip',
  '.gz': 'application/gzip',
  '.tar': 'application/x-tar',
  '.wasm': 'application/wasm',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
  '.ogg': 'audio/ogg',
  '.oga': 'audio/ogg',
  '.opus': 'audio/opus',
  '.flac': 'audio/flac',
  '.m4a': 'audio/mp4',
  '.aac': 'audio/aac',
  '.aiff': 'audio/aiff',
  '.aif': 'audio/aiff',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
  '.woff2': 'font/woff2',
  '.sqlite': 'application/vnd.sqlite3',
};

const TEXT: Record<string, string> = {
  '.txt': 'text/plain',
  '.md': 'text/markdown',
  '.html': 'text/html',
  '.htm': 'text/html',
  '.css': 'text/css',
  '.csv': 'text/csv',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.cjs': 'text/javascript',
  '.ts': 'text/x-typescript',
  '.tsx': 'text/x-typescript',
  '.py': 'text/x-python',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.yaml': 'application/yaml',
  '.yml': 'application/yaml',
  '.toml': 'application/toml',
  '.svg': 'image/svg+xml',
  '.sh': 'application/x-sh',
};

export interface Decoded {
  mimeType: string;
  /** Set when the content is UTF-8 text; otherwise the caller sends the bytes as a blob. */
  text: string | undefined;
}

const SNIFF_BYTES = 8192;

/** Text when the extension allows it and the bytes are valid UTF-8 without NULs. */
export function decodeContent(file: string, data: Buffer): Decoded {
  const ext = path.extname(file).toLowerCase();
  const binaryType = BINARY[ext];
  if (binaryType) return { mimeType: binaryType, text: undefined };
  const text = data.subarray(0, SNIFF_BYTES).includes(0) ? undefined : decodeUtf8(data);
  return {
    mimeType: TEXT[ext] ?? (text === undefined ? 'application/octet-stream' : 'text/plain'),
    text,
  };
}

/** The type announced in listings, from the name alone (the content is not read to list). */
export function mimeTypeForName(file: string): string | undefined {
  const ext = path.extname(file).toLowerCase();
  return BINARY[ext] ?? TEXT[ext];
}

function decodeUtf8(data: Buffer): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    return undefined;
  }
}
