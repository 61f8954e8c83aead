/**
 * A payload encoding (MessagePack, CBOR) used on its own: each binary message is one value, shown as a field tree.
 */
import type { ProtocolDecoder, Unit, WsMessage } from './types';
import { unit, share } from './unit-kit';
import { briefValue, toField, type ReadResult } from './values';

type Reader = (bytes: Uint8Array, start?: number, end?: number) => ReadResult;

function readsWhole(read: Reader, m: WsMessage): boolean {
  if (m.opcode !== 2 || m.data.length === 0) return false;
  const r = read(m.data);
  return r.problem === null && r.end === m.data.length;
}

export function encodingDecoder(id: string, name: string, read: Reader): ProtocolDecoder {
  return {
    id,
    name,
    subprotocols: [],
    // Many byte strings happen to be valid MessagePack or CBOR: a sniff alone never claims more than "maybe".
    sniff: (messages) => 0.3 * share(messages, (m) => readsWhole(read, m)),
    decode(messages): Unit[] {
      return messages.map((m, index) => {
        const r = read(m.data);
        const problems = r.problem ? [r.problem] : [];
        if (r.value && r.end < m.data.length)
          problems.push(`byte ${r.end}: ${m.data.length - r.end} bytes after the ${name} value`);
        const fields = r.value ? [toField('value', r.value, index)] : [];
        const type = r.value?.kind ?? 'malformed';
        return unit(
          m.direction,
          type,
          r.value ? briefValue(r.value) : `not ${name}`,
          [index],
          fields,
          problems,
        );
      });
    },
  };
}
