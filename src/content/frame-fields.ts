/**
 * The one-line meaning of each header field's current value, as the Decoder, Replay and Builder show it beside
 * the field (the codec's `frameFields` fills them in). What each field is for in general is in `builder.ts`.
 */
import { Opcode } from '../codec/types';

const s = (n: number | bigint): string => (n === 1 || n === 1n ? '' : 's');

export const FIELD_MEANING = {
  fin: (fin: boolean): string => (fin ? 'final fragment of its message' : 'more fragments follow'),
  rsv1: (on: boolean): string =>
    on ? 'set: meaningful only with an extension (permessage-deflate: compressed)' : 'not set',
  rsv2or3: (on: boolean): string => (on ? 'set: no standard extension defines it' : 'not set'),
  opcode: (name: string, known: boolean, control: boolean): string =>
    known
      ? `${control ? 'control' : 'data'} frame: ${name}`
      : `reserved ${control ? 'control' : 'non-control'} opcode`,
  mask: (masked: boolean): string =>
    masked ? 'payload is masked (client → server)' : 'payload is not masked (server → client)',
  payloadLength: (len7: number): string =>
    len7 === 126
      ? 'the length follows as a 16-bit unsigned integer'
      : len7 === 127
        ? 'the length follows as a 64-bit unsigned integer'
        : `payload is ${len7} byte${s(len7)}`,
  extendedPayloadLength: (length: number | bigint, bits: number): string =>
    `payload is ${length} bytes (${bits}-bit, network byte order)`,
  maskingKey: 'XORed with the payload, byte i with key byte i mod 4',
  maskingKeyCut: '(cut off)',
  payloadSize: (n: number): string => `${n} byte${s(n)}`,
  payload: (opcode: number): string => {
    switch (opcode) {
      case Opcode.Text:
        return 'application data: UTF-8 text';
      case Opcode.Binary:
        return 'application data: binary';
      case Opcode.Continuation:
        return 'application data continuing the current message';
      case Opcode.Close:
        return 'optional 2-byte status code, then an optional UTF-8 reason';
      case Opcode.Ping:
        return 'application data the pong must echo';
      case Opcode.Pong:
        return 'the application data of the ping it answers';
      default:
        return 'payload of a reserved opcode';
    }
  },
};
