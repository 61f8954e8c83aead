/**
 * Default limits: what a decoder accepts when its caller does not say. They bound memory on every path (a pasted
 * stream, an imported capture, a share link, the echo server) so a small input cannot make a huge message.
 */

/**
 * The largest message (after inflation) any decoder accepts by default: 64 MiB, as the echo server. A 1 MB
 * permessage-deflate "bomb" can inflate to a gigabyte; at this limit decoding fails with 1009 (Message Too Big).
 *
 * @example decodeStream(bytes).failure?.code // 1009 when one message would inflate past 64 MiB
 * @see RFC 6455 §7.4.1 (1009: "a message that is too big for it to process")
 */
export const DEFAULT_MAX_MESSAGE_SIZE = 64 * 1024 * 1024;
