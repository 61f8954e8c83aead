/**
 * The ASP.NET Core SignalR hub protocol (dotnet/aspnetcore, docs/specs/HubProtocol.md) over WebSocket:
 * a JSON handshake ended by the record separator 0x1E, then either JSON records ended by 0x1E or MessagePack
 * arrays, each prefixed by its length as a VarInt. Message types 1–9 are named as HubProtocol.md names them, and
 * invocation ids pair invocations with their stream items and completions.
 */
import { Pairing } from './pairing';
import { readJson } from './json-values';
import { readMsgpack } from './msgpack';
import { lenientText } from './text';
import type { Direction, Field, ProtocolDecoder, Unit, WsMessage } from './types';
import { share, unit } from './unit-kit';
import { asInteger, asString, briefValue, mapGet, toField, type Value } from './values';

const SPEC = 'HubProtocol.md';
const RS = 0x1e;

/** HubProtocol.md's message types. */
export const SIGNALR_MESSAGE_TYPES: Readonly<Record<number, string>> = {
  1: 'Invocation',
  2: 'StreamItem',
  3: 'Completion',
  4: 'StreamInvocation',
  5: 'CancelInvocation',
  6: 'Ping',
  7: 'Close',
  8: 'Ack',
  9: 'Sequence',
};

/** A hub message, read from JSON or MessagePack into the same shape. */
interface HubMessage {
  type: number | null;
  invocationId: Value | undefined;
  target: string | null;
  arguments: Value | undefined;
  result: Value | undefined;
  error: string | null;
}

function fromJson(v: Value): HubMessage {
  return {
    type: asInteger(mapGet(v, 'type')),
    invocationId: mapGet(v, 'invocationId'),
    target: asString(mapGet(v, 'target')),
    arguments: mapGet(v, 'arguments'),
    result: mapGet(v, 'result') ?? mapGet(v, 'item'),
    error: asString(mapGet(v, 'error')),
  };
}

/** MessagePack layouts of HubProtocol.md ("MessagePack (MsgPack) encoding"), field names for each position. */
const MSGPACK_LAYOUT: Readonly<Record<number, readonly string[]>> = {
  1: ['MessageType', 'Headers', 'InvocationId', 'Target', 'Arguments', 'StreamIds'],
  2: ['MessageType', 'Headers', 'InvocationId', 'Item'],
  3: ['MessageType', 'Headers', 'InvocationId', 'ResultKind', 'Result'],
  4: ['MessageType', 'Headers', 'InvocationId', 'Target', 'Arguments', 'StreamIds'],
  5: ['MessageType', 'Headers', 'InvocationId'],
  6: ['MessageType'],
  7: ['MessageType', 'Error', 'AllowReconnect'],
  8: ['MessageType', 'SequenceId'],
  9: ['MessageType', 'SequenceId'],
};

function fromMsgpack(v: Value): HubMessage {
  const items = v.items ?? [];
  const type = asInteger(items[0]);
  const at = (name: string): Value | undefined => items[(MSGPACK_LAYOUT[type ?? 0] ?? []).indexOf(name)];
  const resultKind = asInteger(at('ResultKind'));
  return {
    type,
    invocationId: at('InvocationId'),
    target: asString(at('Target')),
    arguments: at('Arguments'),
    result: at('Item') ?? (resultKind === 3 ? at('Result') : undefined),
    error: type === 7 ? asString(at('Error')) : resultKind === 1 ? asString(at('Result')) : null,
  };
}

function summary(name: string, m: HubMessage): string {
  const parts = [name];
  const id = m.invocationId?.kind === 'string' ? m.invocationId.value : null;
  if (m.target) parts.push(`"${m.target}"`);
  if (m.arguments) parts.push(briefValue(m.arguments, 40));
  if (id !== null) parts.push(`id ${String(id)}`);
  if (m.result) parts.push(`→ ${briefValue(m.result, 40)}`);
  if (m.error) parts.push(`error ${JSON.stringify(m.error)}`);
  return parts.join(' ');
}

class SignalrUnits {
  readonly units: Unit[] = [];
  private readonly pairing: Pairing;
  constructor(messages: readonly WsMessage[]) {
    this.pairing = new Pairing(messages, this.units);
  }

  handshake(
    direction: Direction,
    index: number,
    v: Value | null,
    start: number,
    end: number,
    problems: string[],
  ): void {
    const fields: Field[] = v ? [toField('handshake', v, index)] : [];
    fields.push({
      name: 'record separator',
      value: '0x1e',
      span: { message: index, start: end, end: end + 1 },
    });
    const at = this.units.length;
    if (direction === 'c2s') {
      const protocol = asString(mapGet(v ?? undefined, 'protocol'));
      const version = asInteger(mapGet(v ?? undefined, 'version'));
      if (protocol === null || version === null)
        problems.push(
          `byte ${start}: the handshake request needs "protocol" and "version" (${SPEC}, Overview)`,
        );
      this.units.push(
        unit(
          direction,
          'HandshakeRequest',
          `handshake ${protocol ?? '?'} v${version ?? '?'}`,
          [index],
          fields,
          problems,
        ),
      );
      this.pairing.open('handshake', at);
    } else {
      const error = asString(mapGet(v ?? undefined, 'error'));
      this.units.push(
        unit(
          direction,
          'HandshakeResponse',
          error ? `handshake refused: ${error}` : 'handshake accepted',
          [index],
          fields,
          problems,
        ),
      );
      this.pairing.answer('handshake', at);
    }
  }

  message(direction: Direction, index: number, m: HubMessage, fields: Field[], problems: string[]): void {
    const name = m.type === null ? 'unknown' : (SIGNALR_MESSAGE_TYPES[m.type] ?? `type ${m.type}`);
    if (m.type === null) problems.push(`no integer message type (${SPEC})`);
    else if (!SIGNALR_MESSAGE_TYPES[m.type]) problems.push(`message type ${m.type} is not in ${SPEC}`);
    if ((m.type === 1 || m.type === 4) && m.target === null)
      problems.push(`${name} needs a string target (${SPEC}, ${name})`);
    const needsId = m.type === 2 || m.type === 3 || m.type === 4 || m.type === 5;
    const id = m.invocationId?.kind === 'string' ? String(m.invocationId.value) : null;
    if (needsId && id === null) problems.push(`${name} needs a string invocationId (${SPEC}, ${name})`);
    const at = this.units.length;
    this.units.push(unit(direction, name, summary(name, m), [index], fields, problems));
    if (id === null) return;
    const peer = direction === 'c2s' ? 's2c' : 'c2s';
    if (m.type === 1 || m.type === 4) this.pairing.open(`${direction} ${id}`, at);
    else if (m.type === 2) this.pairing.answer(`${peer} ${id}`, at, true);
    else if (m.type === 3) this.pairing.answer(`${peer} ${id}`, at);
    else if (m.type === 5) this.pairing.close(`${direction} ${id}`);
  }
}

/** The VarInt length prefix of a MessagePack record: 7 bits a byte, low groups first, at most 5 bytes. */
function readVarInt(data: Uint8Array, at: number): { value: number; length: number } | null {
  let value = 0;
  for (let i = 0; i < 5; i++) {
    const b = data[at + i];
    if (b === undefined) return null;
    value += (b & 0x7f) * 2 ** (7 * i);
    if ((b & 0x80) === 0) return { value, length: i + 1 };
  }
  return null;
}

export const signalrDecoder: ProtocolDecoder = {
  id: 'signalr',
  name: 'SignalR hub protocol (JSON, MessagePack)',
  subprotocols: [],
  sniff: (messages) => {
    const first = messages.find((m) => m.direction === 'c2s');
    const handshake =
      first !== undefined && /^\{\s*"protocol"\s*:/.test(lenientText(first.data.subarray(0, 20)));
    return handshake && first.data.includes(RS) ? 0.95 : 0.8 * share(messages, looksLikeSignalrJson);
  },
  decode(messages) {
    const out = new SignalrUnits(messages);
    const handshaken: Record<Direction, boolean> = { c2s: false, s2c: false };
    messages.forEach((m, index) => {
      const data = m.data;
      let pos = 0;
      if (!handshaken[m.direction]) {
        handshaken[m.direction] = true;
        // The first record of each side is the handshake, unless the capture began after it (a record with "type").
        const end = data.indexOf(RS);
        const r = readJson(data, 0, end < 0 ? data.length : end);
        if (r.value?.kind === 'map' && mapGet(r.value, 'type') === undefined) {
          const problems = r.problem ? [r.problem] : [];
          if (end < 0)
            problems.push(
              `byte ${data.length}: the handshake is not ended by the record separator 0x1E (${SPEC})`,
            );
          out.handshake(m.direction, index, r.value, 0, end < 0 ? data.length : end, problems);
          if (end < 0) return;
          pos = end + 1;
        }
      }
      if (m.opcode === 1) readJsonRecords(out, m.direction, index, data, pos);
      else readMsgpackRecords(out, m.direction, index, data, pos);
    });
    return out.units;
  },
};

function readJsonRecords(
  out: SignalrUnits,
  direction: Direction,
  index: number,
  data: Uint8Array,
  from: number,
): void {
  let pos = from;
  while (pos < data.length) {
    const end = data.indexOf(RS, pos);
    const stop = end < 0 ? data.length : end;
    const r = readJson(data, pos, stop);
    const problems = r.problem ? [r.problem] : [];
    if (end < 0)
      problems.push(
        `byte ${data.length}: the record is not ended by the record separator 0x1E (${SPEC}, JSON encoding)`,
      );
    const fields: Field[] = r.value ? [toField('message', r.value, index)] : [];
    if (end >= 0)
      fields.push({
        name: 'record separator',
        value: '0x1e',
        span: { message: index, start: end, end: end + 1 },
      });
    const hub = r.value?.kind === 'map' ? fromJson(r.value) : emptyHub();
    if (r.value && r.value.kind !== 'map')
      problems.push(`byte ${pos}: a hub message is a JSON object (${SPEC}, JSON encoding)`);
    out.message(direction, index, hub, fields, problems);
    pos = stop + 1;
  }
}

function readMsgpackRecords(
  out: SignalrUnits,
  direction: Direction,
  index: number,
  data: Uint8Array,
  from: number,
): void {
  let pos = from;
  while (pos < data.length) {
    const prefix = readVarInt(data, pos);
    if (!prefix) {
      out.message(
        direction,
        index,
        emptyHub(),
        [],
        [
          `byte ${pos}: the VarInt length prefix is cut off or longer than 5 bytes (${SPEC}, MessagePack encoding)`,
        ],
      );
      return;
    }
    const bodyStart = pos + prefix.length;
    const bodyEnd = bodyStart + prefix.value;
    const fields: Field[] = [
      { name: 'length (VarInt)', value: prefix.value, span: { message: index, start: pos, end: bodyStart } },
    ];
    if (bodyEnd > data.length) {
      out.message(direction, index, emptyHub(), fields, [
        `byte ${pos}: the length prefix says ${prefix.value} bytes but ${data.length - bodyStart} follow (${SPEC})`,
      ]);
      return;
    }
    const r = readMsgpack(data, bodyStart, bodyEnd);
    const problems = r.problem ? [r.problem] : [];
    if (r.value && r.end < bodyEnd)
      problems.push(`byte ${r.end}: ${bodyEnd - r.end} bytes after the MessagePack array, inside its length`);
    if (r.value && r.value.kind !== 'array')
      problems.push(
        `byte ${bodyStart}: a hub message is a MessagePack array (${SPEC}, MessagePack encoding)`,
      );
    if (r.value?.kind === 'array') {
      const layout = MSGPACK_LAYOUT[asInteger(r.value.items?.[0]) ?? 0] ?? [];
      const named = toField('message', r.value, index);
      if (named.children)
        named.children = named.children.map((c, i) => ({ ...c, name: layout[i] ?? c.name }));
      fields.push(named);
    } else if (r.value) fields.push(toField('message', r.value, index));
    out.message(
      direction,
      index,
      r.value?.kind === 'array' ? fromMsgpack(r.value) : emptyHub(),
      fields,
      problems,
    );
    pos = bodyEnd;
  }
}

function emptyHub(): HubMessage {
  return {
    type: null,
    invocationId: undefined,
    target: null,
    arguments: undefined,
    result: undefined,
    error: null,
  };
}

/** Whether a text message is SignalR JSON records: for sniffing without the handshake. */
function looksLikeSignalrJson(m: WsMessage): boolean {
  return m.opcode === 1 && m.data.at(-1) === RS && /^\{"type":\d/.test(lenientText(m.data.subarray(0, 10)));
}
