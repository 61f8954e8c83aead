import type { FieldName } from '../codec/types';

/** What each header field is for, shown beside the codec's own one-line meaning of the current value. */
export const FIELD_HELP: Readonly<Record<FieldName, { title: string; text: string }>> = {
  fin: {
    title: 'FIN',
    text: '1 marks the final frame of a message. A message split into fragments has FIN = 0 on every frame but the last.',
  },
  rsv1: {
    title: 'RSV1',
    text: 'Reserved for extensions. permessage-deflate (RFC 7692) uses it to mark a compressed message; otherwise it must be 0.',
  },
  rsv2: { title: 'RSV2', text: 'Reserved for extensions; no registered extension uses it, so it must be 0.' },
  rsv3: { title: 'RSV3', text: 'Reserved for extensions; no registered extension uses it, so it must be 0.' },
  opcode: {
    title: 'Opcode',
    text: 'Four bits that say how to read the payload: continuation, text, binary, or a control frame (close, ping, pong). Values with the top bit set are control frames.',
  },
  mask: {
    title: 'MASK',
    text: 'Set when a masking key follows and the payload is XORed with it. Clients must mask every frame; servers must never mask.',
  },
  payloadLength: {
    title: 'Payload len',
    text: 'Seven bits: 0–125 is the payload length itself; 126 means a 16-bit length follows; 127 means a 64-bit length follows.',
  },
  extendedPayloadLength: {
    title: 'Extended payload length',
    text: 'The real length, big-endian, when the 7-bit field says 126 (16 bits) or 127 (64 bits, top bit 0). The shortest form that fits must be used.',
  },
  maskingKey: {
    title: 'Masking-key',
    text: 'Four random bytes chosen by the client for each frame. Payload byte i is XORed with key byte i mod 4.',
  },
  closeCode: {
    title: 'Status code',
    text: 'The first two bytes of a close frame’s payload, big-endian: why the connection closes (1000 normal, 1001 going away, 1002 protocol error, …).',
  },
  closeReason: {
    title: 'Reason',
    text: 'The rest of a close frame’s payload: a UTF-8 reason for people to read, at most 123 bytes so the payload fits in 125.',
  },
  payload: {
    title: 'Payload data',
    text: 'The application data, masked when MASK = 1. Its length is exactly what the length fields say.',
  },
};

export const BUILDER_TEXT = {
  intro:
    'Flip any bit of the RFC 6455 §5.2 header and watch the bytes change. Every field is explained, and every rule the frame breaks is listed with the close code a receiver would answer.',
  gridHelp: 'Arrow keys move between bits; Space or Enter flips the focused bit.',
  lengthBits:
    'Flipping a Payload len bit resizes the payload (up to 125 bytes), or switches to the 16-bit (126) or 64-bit (127) form.',
  noViolations: 'No violation: a receiver accepts this frame.',
  sequenceOk: 'A receiver reads the whole sequence without failing the connection.',
  fileTooBigForLink:
    'The payload from a file is larger than 2 KiB and is not carried by the share link; the link carries its length only.',
  capNote: 'Framescope builds payloads of at most 16 MiB.',
  pickHint: 'Hover or focus a bit, a byte or a field to see what it means.',
  deflatedSplit:
    'A compressed message is deflated once, as a whole; its compressed bytes are then split between the first frame (RSV1 = 1) and continuation frames (RSV1 = 0), RFC 7692 §6.1. Split, Fragment and the Payload len bits move the cut.',
  deflatedContinuation:
    'This continuation carries the next compressed bytes of the message, not a payload of its own. Only the first frame of a compressed message has RSV1 = 1.',
  deflatedOrphan:
    'This continuation would carry the next bytes of a compressed message, but no compressed message comes before it: its payload is empty.',
} as const;
