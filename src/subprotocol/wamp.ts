/**
 * WAMP v2 (wamp-proto.org, the WAMP specification): every message is an array whose first element is its code.
 * Serializers: `wamp.2.json` (text), `wamp.2.msgpack` and `wamp.2.cbor` (binary), and their batched variants
 * (JSON messages each followed by 0x1E; MessagePack and CBOR ones each preceded by a 4-byte big-endian length).
 * The code table and the element names are the specification's; request ids pair requests with their replies.
 */
import { readCbor } from './cbor';
import { readJson } from './json-values';
import { readMsgpack } from './msgpack';
import { Pairing } from './pairing';
import type { Direction, Field, ProtocolDecoder, Unit, WsMessage } from './types';
import { share, unit } from './unit-kit';
import { asInteger, asString, briefValue, idKey, toField, type ReadResult, type Value } from './values';

const SPEC = 'WAMP';

/** Message codes and the names of their elements after the code, as the specification writes them. */
export const WAMP_MESSAGES: Readonly<Record<number, { name: string; elements: readonly string[] }>> = {
  1: { name: 'HELLO', elements: ['Realm', 'Details'] },
  2: { name: 'WELCOME', elements: ['Session', 'Details'] },
  3: { name: 'ABORT', elements: ['Details', 'Reason'] },
  4: { name: 'CHALLENGE', elements: ['AuthMethod', 'Extra'] },
  5: { name: 'AUTHENTICATE', elements: ['Signature', 'Extra'] },
  6: { name: 'GOODBYE', elements: ['Details', 'Reason'] },
  8: {
    name: 'ERROR',
    elements: ['REQUEST.Type', 'REQUEST.Request', 'Details', 'Error', 'Arguments', 'ArgumentsKw'],
  },
  16: { name: 'PUBLISH', elements: ['Request', 'Options', 'Topic', 'Arguments', 'ArgumentsKw'] },
  17: { name: 'PUBLISHED', elements: ['PUBLISH.Request', 'Publication'] },
  32: { name: 'SUBSCRIBE', elements: ['Request', 'Options', 'Topic'] },
  33: { name: 'SUBSCRIBED', elements: ['SUBSCRIBE.Request', 'Subscription'] },
  34: { name: 'UNSUBSCRIBE', elements: ['Request', 'SUBSCRIBED.Subscription'] },
  35: { name: 'UNSUBSCRIBED', elements: ['UNSUBSCRIBE.Request'] },
  36: {
    name: 'EVENT',
    elements: [
      'SUBSCRIBED.Subscription',
      'PUBLISHED.Publication',
      'Details',
      'PUBLISH.Arguments',
      'PUBLISH.ArgumentsKw',
    ],
  },
  48: { name: 'CALL', elements: ['Request', 'Options', 'Procedure', 'Arguments', 'ArgumentsKw'] },
  49: { name: 'CANCEL', elements: ['CALL.Request', 'Options'] },
  50: { name: 'RESULT', elements: ['CALL.Request', 'Details', 'YIELD.Arguments', 'YIELD.ArgumentsKw'] },
  64: { name: 'REGISTER', elements: ['Request', 'Options', 'Procedure'] },
  65: { name: 'REGISTERED', elements: ['REGISTER.Request', 'Registration'] },
  66: { name: 'UNREGISTER', elements: ['Request', 'REGISTERED.Registration'] },
  67: { name: 'UNREGISTERED', elements: ['UNREGISTER.Request'] },
  68: {
    name: 'INVOCATION',
    elements: ['Request', 'REGISTERED.Registration', 'Details', 'CALL.Arguments', 'CALL.ArgumentsKw'],
  },
  69: { name: 'INTERRUPT', elements: ['INVOCATION.Request', 'Options'] },
  70: { name: 'YIELD', elements: ['INVOCATION.Request', 'Options', 'Arguments', 'ArgumentsKw'] },
};

/** Replies (by code) and the code of the request they answer. */
const ANSWERS: Readonly<Record<number, number>> = { 17: 16, 33: 32, 35: 34, 50: 48, 65: 64, 67: 66, 70: 68 };
/** Elements that may be left out at the end (Arguments, ArgumentsKw). */
const OPTIONAL = new Set([
  'Arguments',
  'ArgumentsKw',
  'PUBLISH.Arguments',
  'PUBLISH.ArgumentsKw',
  'CALL.Arguments',
  'CALL.ArgumentsKw',
  'YIELD.Arguments',
  'YIELD.ArgumentsKw',
]);

type Reader = (bytes: Uint8Array, start?: number, end?: number) => ReadResult;

class WampUnits {
  readonly units: Unit[] = [];
  private readonly pairing: Pairing;
  /** SUBSCRIBE unit by subscription id, once SUBSCRIBED names it: events pair with the subscription. */
  private readonly subscriptions = new Map<string, number>();
  constructor(messages: readonly WsMessage[]) {
    this.pairing = new Pairing(messages, this.units);
  }

  add(direction: Direction, index: number, r: ReadResult, bytesStart: number, extra: Field[]): void {
    const problems = r.problem ? [r.problem] : [];
    const v = r.value;
    if (!v || v.kind !== 'array' || (v.items ?? []).length === 0) {
      if (v)
        problems.push(
          `byte ${v.start}: a WAMP message is a non-empty array whose first element is the message code (${SPEC})`,
        );
      this.units.push(
        unit(
          direction,
          'invalid',
          'not a WAMP message',
          [index],
          [...extra, ...(v ? [toField('message', v, index)] : [])],
          problems,
        ),
      );
      return;
    }
    const items = v.items ?? [];
    const code = asInteger(items[0]);
    const spec = code === null ? undefined : WAMP_MESSAGES[code];
    const field = toField('message', v, index);
    if (field.children)
      field.children = field.children.map((c, i) => ({
        ...c,
        name: i === 0 ? 'code' : (spec?.elements[i - 1] ?? c.name),
      }));
    if (!spec) {
      problems.push(
        `byte ${items[0]?.start ?? bytesStart}: ${code === null ? 'the first element is not an integer message code' : `${code} is not a WAMP message code`} (${SPEC})`,
      );
    } else {
      const required = spec.elements.filter((e) => !OPTIONAL.has(e)).length;
      if (items.length - 1 < required)
        problems.push(
          `${spec.name} has ${items.length - 1} elements after the code, needs ${required} (${SPEC}, ${spec.name})`,
        );
      if (items.length - 1 > spec.elements.length)
        problems.push(
          `${spec.name} has ${items.length - 1} elements after the code, at most ${spec.elements.length} (${SPEC}, ${spec.name})`,
        );
    }
    const type = spec?.name ?? (code === null ? 'invalid' : `code ${code}`);
    const at = this.units.length;
    this.units.push(
      unit(
        direction,
        type,
        summarize(type, spec?.elements ?? [], items),
        [index],
        [...extra, field],
        problems,
      ),
    );
    if (code !== null) this.pair(direction, code, items, at);
  }

  private pair(direction: Direction, code: number, items: Value[], at: number): void {
    const peer = direction === 'c2s' ? 's2c' : 'c2s';
    const id = idKey(items[1]);
    if (code === 1) this.pairing.open(`${direction} hello`, at);
    if (code === 2 || code === 3) this.pairing.answer(`${peer} hello`, at);
    if (WAMP_MESSAGES[code] && Object.values(ANSWERS).includes(code) && id !== null)
      this.pairing.open(`${direction} ${code} ${id}`, at);
    const request = ANSWERS[code];
    // A progressive RESULT (Details.progress) keeps the CALL open; anything else closes it.
    if (request !== undefined && id !== null) {
      const q = this.pairing.answer(`${peer} ${request} ${id}`, at, code === 50 && isProgress(items[2]));
      if (code === 33 && q !== undefined) {
        const sub = idKey(items[2]);
        if (sub !== null) this.subscriptions.set(sub, q);
      }
    }
    if (code === 8) {
      const type = asInteger(items[1]);
      const req = idKey(items[2]);
      if (type !== null && req !== null) this.pairing.answer(`${peer} ${type} ${req}`, at);
    }
    if (code === 36 && id !== null) {
      const q = this.subscriptions.get(id);
      const u = this.units[at];
      if (q !== undefined && u) u.replyTo = q;
    }
  }
}

function isProgress(details: Value | undefined): boolean {
  return (
    details?.kind === 'map' &&
    (details.entries ?? []).some(([k, v]) => k.value === 'progress' && v.value === true)
  );
}

function summarize(type: string, elements: readonly string[], items: Value[]): string {
  const parts: string[] = [];
  elements.forEach((name, i) => {
    const v = items[i + 1];
    if (!v || name === 'Details' || name === 'Options' || name === 'Extra') return;
    if (
      (v.kind === 'array' && (v.items ?? []).length === 0) ||
      (v.kind === 'map' && (v.entries ?? []).length === 0)
    )
      return;
    const text = asString(v) ?? briefValue(v, 40);
    parts.push(`${name.replace(/^\w+\./, '')} ${text}`);
  });
  return parts.length > 0 ? `${type} ${parts.join(', ')}` : type;
}

function decodeWith(read: Reader, messages: readonly WsMessage[]): Unit[] {
  const out = new WampUnits(messages);
  messages.forEach((m, index) => {
    const data = m.data;
    if (m.opcode === 1) {
      if (!data.includes(0x1e)) return out.add(m.direction, index, readJson(data), 0, []);
      // wamp.2.json.batched: every message followed by 0x1E.
      for (let pos = 0; pos < data.length;) {
        const end = data.indexOf(0x1e, pos);
        const stop = end < 0 ? data.length : end;
        const extra: Field[] =
          end < 0
            ? []
            : [{ name: 'separator', value: '0x1e', span: { message: index, start: end, end: end + 1 } }];
        out.add(m.direction, index, readJson(data, pos, stop), pos, extra);
        if (end < 0)
          out.units
            .at(-1)
            ?.problems.push(
              `byte ${data.length}: a batched JSON message is not followed by 0x1E (${SPEC}, batched transport)`,
            );
        pos = stop + 1;
      }
      return;
    }
    // An unbatched MessagePack or CBOR message starts with an array; a batched one with a 4-byte length (its first
    // byte 0x00 for any message under 16 MiB), which is never the start of a WAMP message.
    if (data[0] !== 0x00) return out.add(m.direction, index, read(data), 0, []);
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    for (let pos = 0; pos < data.length;) {
      if (pos + 4 > data.length) {
        out.add(
          m.direction,
          index,
          {
            value: null,
            end: pos,
            problem: `byte ${pos}: a batched message's 4-byte length is cut off (${SPEC}, batched transport)`,
          },
          pos,
          [],
        );
        return;
      }
      const length = view.getUint32(pos);
      const extra: Field[] = [
        { name: 'length', value: length, span: { message: index, start: pos, end: pos + 4 } },
      ];
      const start = pos + 4;
      const end = Math.min(start + length, data.length);
      const r = read(data, start, end);
      if (start + length > data.length)
        r.problem ??= `byte ${pos}: the length says ${length} bytes but ${data.length - start} follow`;
      out.add(m.direction, index, r, start, extra);
      pos = start + length;
    }
  });
  return out.units;
}

function looksLikeWamp(read: Reader, opcode: 1 | 2) {
  return (m: WsMessage): boolean => {
    if (m.opcode !== opcode) return false;
    const r =
      opcode === 1
        ? readJson(m.data, 0, m.data.includes(0x1e) ? m.data.indexOf(0x1e) : m.data.length)
        : read(m.data, m.data[0] === 0 ? 4 : 0);
    const code = asInteger(r.value?.items?.[0]);
    return r.value?.kind === 'array' && code !== null && WAMP_MESSAGES[code] !== undefined;
  };
}

function wampDecoder(serializer: 'json' | 'msgpack' | 'cbor', name: string, read: Reader): ProtocolDecoder {
  const opcode = serializer === 'json' ? 1 : 2;
  return {
    id: `wamp-${serializer}`,
    name: `WAMP v2 (${name})`,
    subprotocols: [`wamp.2.${serializer}`, `wamp.2.${serializer}.batched`],
    sniff: (messages) => {
      const first = messages[0];
      const hello = first !== undefined && looksLikeWamp(read, opcode)(first) ? 0.2 : 0;
      return hello + 0.7 * share(messages, looksLikeWamp(read, opcode));
    },
    decode: (messages) => decodeWith(read, messages),
  };
}

export const wampJsonDecoder = wampDecoder('json', 'JSON', readJson);
export const wampMsgpackDecoder = wampDecoder('msgpack', 'MessagePack', readMsgpack);
export const wampCborDecoder = wampDecoder('cbor', 'CBOR', readCbor);
