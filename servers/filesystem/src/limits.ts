/*
 * One truth for sizes (a leaf module: any file can import it without a cycle). Over stdio one
 * message is at most 9.9 MiB (the SDK's reader drops the connection past 10 MiB; core refuses
 * larger requests), and core turns any tool result over
 * 9 MiB into an error, on both transports. So what travels in one message is capped below that:
 * a read result carries its text twice (text and structured content), a file sent whole goes
 * base64 (4/3 larger), and a write's content is the request. --max-file-size is the cap for files
 * on disk that tools work on without sending them whole (edits, searches, line ranges).
 */

export const MiB = 1024 * 1024;

/** Highest --max-read-bytes: twice this (text and structured content) fits a 9 MiB result. */
export const MAX_READ_BYTES_LIMIT = 4 * MiB;
/** Default and highest --max-write-bytes: a write_file request of this much content fits one stdio message. */
export const MAX_WRITE_BYTES_LIMIT = 8 * MiB;
/** Most of a file sent whole in one reply (read_media_file, resources/read): 8 MiB once in base64. */
export const MAX_WHOLE_FILE_REPLY_BYTES = 6 * MiB;
