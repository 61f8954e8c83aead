/**
 * The sixteen opcode values of RFC 6455 §5.2 (registry in §11.8), as teaching text.
 * `kind` tells data from control frames and flags the reserved ranges.
 */
export interface OpcodeInfo {
  value: number;
  /** Short name, as the RFC's registry writes it. */
  name: string;
  kind: 'data' | 'control' | 'reserved-data' | 'reserved-control';
  /** One sentence for learners. */
  description: string;
}

const reserved = (value: number): OpcodeInfo =>
  value < 8
    ? {
        value,
        name: 'reserved',
        kind: 'reserved-data',
        description:
          'Reserved for future data frames (0x3–0x7). A receiver fails the connection unless an extension defines it.',
      }
    : {
        value,
        name: 'reserved',
        kind: 'reserved-control',
        description:
          'Reserved for future control frames (0xB–0xF). A receiver fails the connection unless an extension defines it.',
      };

export const OPCODES: readonly OpcodeInfo[] = [
  {
    value: 0x0,
    name: 'continuation',
    kind: 'data',
    description: 'Carries the next fragment of a message started by a text or binary frame with FIN = 0.',
  },
  {
    value: 0x1,
    name: 'text',
    kind: 'data',
    description: 'A text message: the payload (of the whole message) must be UTF-8.',
  },
  {
    value: 0x2,
    name: 'binary',
    kind: 'data',
    description: 'A binary message: the application decides what the bytes mean.',
  },
  reserved(0x3),
  reserved(0x4),
  reserved(0x5),
  reserved(0x6),
  reserved(0x7),
  {
    value: 0x8,
    name: 'close',
    kind: 'control',
    description:
      'Starts or answers the closing handshake; the payload may hold a 2-byte status code and a UTF-8 reason.',
  },
  {
    value: 0x9,
    name: 'ping',
    kind: 'control',
    description: 'Asks the peer to answer with a pong carrying the same payload.',
  },
  {
    value: 0xa,
    name: 'pong',
    kind: 'control',
    description: 'Answers a ping (or, unsolicited, serves as a heartbeat).',
  },
  reserved(0xb),
  reserved(0xc),
  reserved(0xd),
  reserved(0xe),
  reserved(0xf),
];

export function opcodeInfo(value: number): OpcodeInfo {
  return OPCODES[value & 0xf] ?? reserved(value);
}
