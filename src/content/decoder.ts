/**
 * Teaching text of the Decoder: the worked examples it offers and the plain-words explanation of a frame.
 * Kept as data so the view, its tests and screenshots share one source.
 */
import type { Direction } from '../codec/stream';

export interface DecoderExample {
  id: string;
  label: string;
  hex: string;
  /** What the bytes are, in one sentence. */
  about: string;
}

/** The seed document's worked examples (RFC 6455 §5.7), plus one broken stream. */
export const DECODER_EXAMPLES: DecoderExample[] = [
  {
    id: 'text',
    label: 'Text “Hello”',
    hex: '81 05 48 65 6c 6c 6f',
    about: 'A single unmasked text frame from the server (RFC 6455 §5.7).',
  },
  {
    id: 'masked',
    label: 'Masked “Hello”',
    hex: '81 85 12 34 56 78 5a 51 3a 14 7d',
    about: 'The same text sent by a client, masked with the key 12 34 56 78.',
  },
  {
    id: 'fragments',
    label: 'Three fragments',
    hex: '01 05 48 65 6c 6c 6f 00 04 20 57 6f 72 80 02 6c 64',
    about: 'One text message “Hello World” split into a text frame and two continuation frames.',
  },
  {
    id: 'close',
    label: 'Close 1000',
    hex: '88 09 03 e8 47 6f 6f 64 62 79 65',
    about: 'A close frame with status 1000 (normal closure) and the reason “Goodbye”.',
  },
  {
    id: 'broken',
    label: 'Broken stream',
    hex: '81 05 48 65 6c 6c 6f a1 02 48 69 81 02 48 69',
    about:
      'A good text frame, then a frame with RSV2 set that no extension defines: the receiver fails there.',
  },
];

/** Arrow words for a direction, for lists and headings. */
export function directionLabel(d: Direction): string {
  return d === 'client-to-server' ? 'client → server' : 'server → client';
}

/** Short form for narrow list rows. */
export function directionShort(d: Direction): string {
  return d === 'client-to-server' ? 'C→S' : 'S→C';
}

const KIND_WORDS: Record<string, string> = {
  continuation: 'continuation frame, carrying the next fragment of a message',
  text: 'text frame (UTF-8 data)',
  binary: 'binary frame',
  close: 'close frame, starting the closing handshake',
  ping: 'ping frame; the other end must answer with a pong carrying the same data',
  pong: 'pong frame, answering a ping (or a one-way heartbeat)',
};

export interface FrameFacts {
  fin: boolean;
  opcode: number;
  opcodeName: string;
  rsv1: boolean;
  masked: boolean;
  maskingKey: Uint8Array | null;
  payloadLength: number;
  lengthEncoding?: string;
  direction?: Direction;
  /**
   * RSV1 is set but no extension was negotiated: the frame's violation says so, and the explanation does not
   * also call the message compressed (one statement, not two that contradict each other).
   */
  rsv1Unnegotiated?: boolean;
}

/**
 * A frame's violations include "RSV1 = 1 but no negotiated extension defines it" (permessage-deflate is off).
 * @see RFC 6455 §5.2, RFC 7692 §6
 */
export function rsv1Unnegotiated(violations: readonly { id: string; message: string }[]): boolean {
  return violations.some((v) => v.id === 'reserved-bit-set' && v.message.startsWith('RSV1'));
}

const hexBytes = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(' ');

/** A frame in plain words, one sentence per line, each with the RFC section behind it. */
export function explainFrame(f: FrameFacts): { text: string; rfc: string }[] {
  const lines: { text: string; rfc: string }[] = [];
  const kind = KIND_WORDS[f.opcodeName] ?? `frame with the reserved opcode 0x${f.opcode.toString(16)}`;
  const from = f.direction
    ? ` sent ${f.direction === 'client-to-server' ? 'by the client' : 'by the server'}`
    : '';
  lines.push({ text: `A ${kind}${from}.`, rfc: 'RFC 6455 §5.2' });
  if (f.opcode < 8) {
    lines.push(
      f.fin
        ? f.opcode === 0
          ? { text: 'FIN = 1: this is the last fragment; the message is complete.', rfc: 'RFC 6455 §5.4' }
          : { text: 'FIN = 1: the whole message is in this one frame.', rfc: 'RFC 6455 §5.4' }
        : { text: 'FIN = 0: more fragments of this message follow.', rfc: 'RFC 6455 §5.4' },
    );
  }
  if (f.rsv1 && (f.opcode === 1 || f.opcode === 2) && !f.rsv1Unnegotiated) {
    lines.push({ text: 'RSV1 = 1: the message is compressed with permessage-deflate.', rfc: 'RFC 7692 §6' });
  }
  lines.push(
    f.masked && f.maskingKey
      ? {
          text: `MASK = 1: the payload is XORed with the key ${hexBytes(f.maskingKey)}, as every client frame must be.`,
          rfc: 'RFC 6455 §5.3',
        }
      : { text: 'MASK = 0: the payload is sent as is, as servers do.', rfc: 'RFC 6455 §5.1' },
  );
  const form =
    f.lengthEncoding === '16'
      ? 'in the 16-bit extended length (the 7-bit field says 126)'
      : f.lengthEncoding === '64'
        ? 'in the 64-bit extended length (the 7-bit field says 127)'
        : 'in the 7-bit length field';
  lines.push({
    text: `The payload is ${f.payloadLength} byte${f.payloadLength === 1 ? '' : 's'}, written ${form}.`,
    rfc: 'RFC 6455 §5.2',
  });
  return lines;
}

/** Why a run of bytes is not part of any frame. */
export function explainUnparsed(kind: 'incomplete' | 'unread' | 'fails', needed?: number): string {
  if (kind === 'fails')
    return 'The input ends inside this frame, but its header already breaks a rule: a receiver fails the connection at that byte (RFC 6455 §7.1.7) without waiting for the rest.';
  return kind === 'incomplete'
    ? `These bytes start a frame that the input cuts short: at least ${needed ?? 1} more byte${needed === 1 ? '' : 's'} would be needed. A receiver would wait for them.`
    : 'A receiver stops reading when it fails the connection (RFC 6455 §7.1.7), so these bytes are never interpreted.';
}

/** The Decoder's "How to read this" notes: label, then explanation. */
export const DECODER_HELP: { term: string; text: string }[] = [
  {
    term: 'C→S and S→C',
    text: 'Who sent a frame. By default a masked frame is taken as client → server and an unmasked one as server → client, because clients must mask and servers must not (RFC 6455 §5.1). Override it when you know better.',
  },
  {
    term: 'Colours',
    text: 'Each header field has its own colour, the same in the bit strip, the field list and the hex dump. Hover or focus a field to light its bytes; hover a byte, or focus the dump and use the arrow keys, to light its fields.',
  },
  {
    term: '⚠ and red rows',
    text: 'A frame that breaks a rule. The first error stops the stream where a receiver would stop reading; the bytes after it are listed as not part of any frame.',
  },
  {
    term: 'Messages',
    text: 'Text and binary messages put back together from their fragments (RFC 6455 §5.4), inflated when permessage-deflate compressed them (RFC 7692).',
  },
];

/** How the Decoder names each kind of paste `parseHex` recognised ("Read as …"). */
export const PASTE_FORMAT_NAMES: Readonly<Record<string, string>> = {
  hex: 'plain hex',
  array: 'an array literal (C, JavaScript or Python)',
  python: 'a Python bytes literal, as print() shows it',
  'node-buffer': 'a Node.js Buffer, as console.log prints it',
  base64:
    'Base64, as Chrome DevTools shows a binary message and copies it (“Copy message”): that is the message’s data, without a frame header',
  xxd: 'an xxd dump',
  'hexdump -C': 'a hexdump -C dump',
  od: 'an od dump',
  wireshark: 'a Wireshark / tshark -x hex dump',
};
