/** Teaching text of the Decoder's notice for pasted HTTP/2 frames (RFC 9113, RFC 8441). */
export const HTTP2_DECODER_TEXT = {
  lead: 'These bytes are HTTP/2 frames, not WebSocket frames.',
  why: 'A WebSocket over HTTP/2 (RFC 8441) has no bytes of its own on the TCP connection: its frames travel inside the DATA frames of one stream, after a 9-byte HTTP/2 frame header (length, type, flags, stream id). Decode the DATA payload of a stream to see the WebSocket frames it carries.',
  noData:
    'They carry no DATA frame, so no WebSocket bytes: HEADERS hold the extended CONNECT handshake (compressed with HPACK), SETTINGS and WINDOW_UPDATE belong to the HTTP/2 connection.',
  replay:
    'To follow every stream of a whole HTTP/2 connection, with its handshake decoded, open the capture in',
} as const;
