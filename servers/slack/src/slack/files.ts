import { InvalidInputError, PermissionDeniedError, UpstreamError } from '@refmcp/core';
import { boundedFetch, formatBytes, tooLargeIn } from '@refmcp/core/upstream';
import type { SlackConfig } from '../config.js';
import type { SlackApi } from './api.js';

/**
 * Security: the token goes with a file transfer only to Slack itself (https, slack.com or a
 * subdomain such as files.slack.com) or to the configured API's own origin (a proxy, or the test
 * fake). An answer pointing anywhere else (a hostile upstream, a tampered proxy) is refused before
 * a single byte, token included, is sent there.
 */
export function checkFileUrl(raw: unknown, apiUrl: string, what: string): URL {
  let url: URL;
  try {
    url = new URL(String(raw));
  } catch {
    throw new UpstreamError(`Slack's answer gave no usable ${what} URL.`, {
      hint: 'Try again; if it persists, check SLACK_API_URL and any proxy in front of Slack.',
    });
  }
  const api = new URL(apiUrl);
  const slack =
    url.protocol === 'https:' && (url.hostname === 'slack.com' || url.hostname.endsWith('.slack.com'));
  if (!slack && url.origin !== api.origin) {
    throw new UpstreamError(
      `Slack's answer pointed the ${what} at ${url.host}, which is neither Slack nor SLACK_API_URL; nothing was sent there.`,
      { hint: 'Tell the user: SLACK_API_URL or a proxy in front of Slack answers differently from Slack.' },
    );
  }
  return url;
}

/** A file's bytes from url_private_download, at most `maxBytes` of them. */
export async function downloadFile(
  api: SlackApi,
  config: Pick<SlackConfig, 'token' | 'apiUrl' | 'maxFileBytes' | 'requestTimeoutMs'>,
  rawUrl: unknown,
): Promise<{ bytes: Buffer; contentType: string }> {
  const url = checkFileUrl(rawUrl, config.apiUrl, 'download');
  let response: Response;
  try {
    // Redirects are not followed: Slack redirects a token that may not see the file to sign-in.
    response = await boundedFetch(config.maxFileBytes, api.fetch)(url, {
      headers: { authorization: `Bearer ${config.token}` },
      redirect: 'manual',
      signal: AbortSignal.timeout(config.requestTimeoutMs),
    });
  } catch (error) {
    if (tooLargeIn(error)) throw fileTooLarge(config.maxFileBytes);
    throw new UpstreamError(`Could not download the file from ${url.host}.`, {
      cause: error,
      hint: 'Check the network and any proxy, then try again.',
    });
  }
  if (response.status >= 300 && response.status < 400) {
    throw new PermissionDeniedError('Slack did not let this token download the file.', {
      hint: 'The token needs files:read and access to a conversation the file is shared in.',
    });
  }
  if (!response.ok) {
    throw new UpstreamError(`Slack answered HTTP ${response.status} to the file download.`, {
      status: response.status,
    });
  }
  return {
    bytes: Buffer.from(await response.arrayBuffer()),
    contentType: response.headers.get('content-type') ?? 'application/octet-stream',
  };
}

/** POSTs the bytes to the upload URL files.getUploadURLExternal gave, once it is checked. */
export async function sendUpload(
  api: SlackApi,
  config: Pick<SlackConfig, 'token' | 'apiUrl' | 'requestTimeoutMs'>,
  rawUrl: unknown,
  bytes: Buffer,
): Promise<void> {
  const url = checkFileUrl(rawUrl, config.apiUrl, 'upload');
  let response: Response;
  try {
    response = await boundedFetch(64 * 1024, api.fetch)(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${config.token}`, 'content-type': 'application/octet-stream' },
      body: bytes,
      redirect: 'error',
      signal: AbortSignal.timeout(config.requestTimeoutMs),
    });
  } catch (error) {
    throw new UpstreamError(`Could not send the file to ${url.host}.`, {
      cause: error,
      hint: 'Check the network and any proxy, then try again.',
    });
  }
  if (!response.ok) {
    throw new UpstreamError(`Slack answered HTTP ${response.status} to the file upload.`, {
      status: response.status,
      hint: 'Try again; nothing was shared.',
    });
  }
}

export function fileTooLarge(maxBytes: number, size?: number): InvalidInputError {
  return new InvalidInputError(
    `The file${size === undefined ? '' : ` (${formatBytes(size)})`} is larger than this server's ${formatBytes(maxBytes)} limit.`,
    { hint: 'Share its permalink instead; the limit is --max-file-bytes (SLACK_MAX_FILE_BYTES).' },
  );
}
