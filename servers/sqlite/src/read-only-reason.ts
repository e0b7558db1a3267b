/**
 * Why the write tools are missing in read-only mode, and how to get them: a client that calls one
 * anyway, the instructions, and a refused write in read_query all say this.
 */
export const READ_ONLY_REASON =
  'the server runs in read-only mode (--read-only or SQLITE_READ_ONLY); restart it without that to allow writes';
