/**
 * Every field of a frame header with its exact bit span (RFC 6455 §5.2), built on demand for the frames a person
 * looks at. The words come from `src/content/frame-fields.ts`; the layout from `frame-header.ts`.
 */
import { FIELD_MEANING } from '../content/frame-fields';
import { extendedLengthBytes, lengthFieldFor } from './frame-header';
import { isControlOpcode, isKnownOpcode, opcodeName } from './opcode';
import type { FieldName, FrameField, ReceivedFrame } from './types';

/** What `frameFields` needs to know about a frame. */
export type FieldSource = Pick<
  ReceivedFrame,
  'fin' | 'rsv1' | 'rsv2' | 'rsv3' | 'opcode' | 'masked' | 'maskingKey' | 'lengthEncoding' | 'headerLength'
> & { payloadLength: number | bigint };

/**
 * Every field of a frame with its bit span from the frame's first bit, in wire order, the payload last.
 *
 * @example
 * frameFields(decodeFrame(bytes)).map((f) => [f.name, f.bitOffset, f.bitLength])
 * // → [['fin', 0, 1], ['rsv1', 1, 1], …, ['payloadLength', 9, 7], ['payload', 16, 40]]
 * @see RFC 6455 §5.2
 */
export function frameFields(frame: FieldSource): FrameField[] {
  return headerFields(frame, true);
}

/** The fields the first byte alone gives: FIN, RSV1–3 and the opcode. */
export function firstByteFields(b0: number): FrameField[] {
  const fields = headerFields(
    {
      fin: (b0 & 0b1000_0000) !== 0,
      rsv1: (b0 & 0b0100_0000) !== 0,
      rsv2: (b0 & 0b0010_0000) !== 0,
      rsv3: (b0 & 0b0001_0000) !== 0,
      opcode: b0 & 0b0000_1111,
      masked: false,
      maskingKey: null,
      lengthEncoding: '7',
      headerLength: 2,
      payloadLength: 0,
    },
    false,
  );
  return fields.slice(0, 5);
}

function field(
  name: FieldName,
  label: string,
  bitOffset: number,
  bitLength: number,
  value: number | bigint,
  display: string,
  meaning: string,
  rfc = 'RFC 6455 §5.2',
): FrameField {
  return { name, label, bitOffset, bitLength, value, display, meaning, rfc };
}

const bit = (on: boolean): number => (on ? 1 : 0);

/** The header's fields (and the payload's, with `withPayload`) in wire order. */
export function headerFields(f: FieldSource, withPayload: boolean): FrameField[] {
  const control = isControlOpcode(f.opcode);
  const flag = (name: FieldName, label: string, at: number, on: boolean, meaning: string): FrameField =>
    field(name, label, at, 1, bit(on), String(bit(on)), meaning);
  const fields: FrameField[] = [
    flag('fin', 'FIN', 0, f.fin, FIELD_MEANING.fin(f.fin)),
    flag('rsv1', 'RSV1', 1, f.rsv1, FIELD_MEANING.rsv1(f.rsv1)),
    flag('rsv2', 'RSV2', 2, f.rsv2, FIELD_MEANING.rsv2or3(f.rsv2)),
    flag('rsv3', 'RSV3', 3, f.rsv3, FIELD_MEANING.rsv2or3(f.rsv3)),
    field(
      'opcode',
      'opcode',
      4,
      4,
      f.opcode,
      `0x${f.opcode.toString(16)} (${opcodeName(f.opcode)})`,
      FIELD_MEANING.opcode(opcodeName(f.opcode), isKnownOpcode(f.opcode), control),
    ),
    field(
      'mask',
      'MASK',
      8,
      1,
      bit(f.masked),
      String(bit(f.masked)),
      FIELD_MEANING.mask(f.masked),
      'RFC 6455 §5.2, §5.3',
    ),
  ];
  const len7 = lengthFieldFor(f.lengthEncoding, Number(f.payloadLength));
  fields.push(
    field('payloadLength', 'Payload len', 9, 7, len7, String(len7), FIELD_MEANING.payloadLength(len7)),
  );
  let bitPos = 16;
  const ext = extendedLengthBytes(f.lengthEncoding) * 8;
  if (ext > 0) {
    fields.push(
      field(
        'extendedPayloadLength',
        'Extended payload length',
        bitPos,
        ext,
        f.payloadLength,
        String(f.payloadLength),
        FIELD_MEANING.extendedPayloadLength(f.payloadLength, ext),
      ),
    );
    bitPos += ext;
  }
  if (f.masked) {
    const key = f.maskingKey;
    const value = key ? ((key[0]! << 24) | (key[1]! << 16) | (key[2]! << 8) | key[3]!) >>> 0 : 0;
    const display = key
      ? Array.from(key, (b) => b.toString(16).padStart(2, '0')).join(' ')
      : FIELD_MEANING.maskingKeyCut;
    fields.push(
      field(
        'maskingKey',
        'Masking-key',
        bitPos,
        32,
        value,
        display,
        FIELD_MEANING.maskingKey,
        'RFC 6455 §5.3',
      ),
    );
  }
  if (withPayload) {
    const n = Number(f.payloadLength);
    fields.push(
      field(
        'payload',
        'Payload Data',
        f.headerLength * 8,
        n * 8,
        n,
        FIELD_MEANING.payloadSize(n),
        FIELD_MEANING.payload(f.opcode),
        'RFC 6455 §5.6',
      ),
    );
  }
  return fields;
}
