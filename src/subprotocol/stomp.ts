/**
 * STOMP 1.2 over WebSocket (subprotocols `v12.stomp`, `v11.stomp`, `v10.stomp`): frames, heart-beats, receipts and
 * subscriptions paired. A frame may span several messages and a message may hold several frames.
 */
import { joinedSource, type ByteSource, type SourcePart } from './byte-source';
import { Pairing } from './pairing';
import { CLIENT_COMMANDS, SERVER_COMMANDS, readStompFrame, type StompFrame } from './stomp-frame';
import { lenientText } from './text';
import type { Direction, ProtocolDecoder, Unit, WsMessage } from './types';
import { other, share, unit } from './unit-kit';

const CLIENT = new Set<string>(CLIENT_COMMANDS);
const SERVER = new Set<string>(SERVER_COMMANDS);

function summarize(frame: StompFrame): string {
  const h = (name: string): string | undefined => frame.headers.get(name);
  const parts: string[] = [];
  const add = (name: string): void => {
    const v = h(name);
    if (v !== undefined) parts.push(`${name} ${v}`);
  };
  if (frame.command === 'CONNECT' || frame.command === 'STOMP') ['accept-version', 'host'].forEach(add);
  else if (frame.command === 'CONNECTED') ['version', 'heart-beat'].forEach(add);
  else if (frame.command === 'ERROR') add('message');
  else ['id', 'destination', 'subscription', 'receipt', 'receipt-id', 'transaction'].forEach(add);
  if (frame.body.length > 0 && frame.command !== 'ERROR') {
    const text = lenientText(frame.body.subarray(0, 60)).replace(/\s+/g, ' ');
    parts.push(`body ${JSON.stringify(text)}${frame.body.length > 60 ? '…' : ''}`);
  }
  return parts.length > 0 ? `${frame.command} ${parts.join(', ')}` : frame.command;
}

/** Turns frames read from any source into units, checks who sent them and pairs replies. */
export class StompUnits {
  readonly units: Unit[] = [];
  private readonly pairing: Pairing;

  constructor(messages: readonly WsMessage[]) {
    this.pairing = new Pairing(messages, this.units);
  }

  heartBeat(direction: Direction, src: ByteSource, start: number, end: number): void {
    this.units.push(
      unit(direction, 'heart-beat', 'heart-beat (EOL)', src.messages(start, end), [
        { name: 'EOL', value: end - start, span: src.span(start, end) },
      ]),
    );
  }

  incomplete(direction: Direction, src: ByteSource, start: number, reason: string): void {
    const end = src.bytes.length;
    const span = src.span(start, end);
    this.units.push(
      unit(
        direction,
        'incomplete',
        `incomplete frame: ${reason}`,
        src.messages(start, end),
        [{ name: 'bytes', value: end - start, span }],
        [`byte ${span.start}: the frame never ends (${reason}); STOMP frames end with a NULL octet`],
      ),
    );
  }

  frame(direction: Direction, src: ByteSource, frame: StompFrame): void {
    const problems = [...frame.problems];
    if (direction === 'c2s' && SERVER.has(frame.command))
      problems.push(`${frame.command} is a server frame, sent by the client`);
    if (direction === 's2c' && CLIENT.has(frame.command))
      problems.push(`${frame.command} is a client frame, sent by the server`);
    const at = this.units.length;
    this.units.push(
      unit(
        direction,
        frame.command,
        summarize(frame),
        src.messages(frame.start, frame.end),
        frame.fields,
        problems,
      ),
    );
    const h = frame.headers;
    const side = direction;
    const receiptId = h.get('receipt-id');
    if (frame.command === 'CONNECTED') this.pairing.answer(`${other(side)} connect`, at);
    if (receiptId !== undefined && (frame.command === 'RECEIPT' || frame.command === 'ERROR')) {
      this.pairing.answer(`${other(side)} receipt ${receiptId}`, at);
    }
    if (frame.command === 'MESSAGE' && h.has('subscription')) {
      this.pairing.answer(`${other(side)} subscription ${h.get('subscription') ?? ''}`, at, true);
    }
    if (frame.command === 'CONNECT' || frame.command === 'STOMP') this.pairing.open(`${side} connect`, at);
    if (frame.command === 'SUBSCRIBE' && h.has('id'))
      this.pairing.open(`${side} subscription ${h.get('id') ?? ''}`, at);
    if (frame.command === 'UNSUBSCRIBE' && h.has('id'))
      this.pairing.close(`${side} subscription ${h.get('id') ?? ''}`);
    // A receipt request is answered by RECEIPT; it takes precedence over the subscription for pairing.
    const receipt = h.get('receipt');
    if (receipt !== undefined && CLIENT.has(frame.command))
      this.pairing.open(`${side} receipt ${receipt}`, at);
  }

  /** Read every frame of a source; returns where an unfinished frame starts, or null when all were read. */
  readAll(direction: Direction, src: ByteSource): { start: number; reason: string } | null {
    let pos = 0;
    while (pos < src.bytes.length) {
      const r = readStompFrame(src, pos);
      if (r.kind === 'incomplete') return { start: pos, reason: r.reason };
      if (r.kind === 'heart-beat') {
        this.heartBeat(direction, src, r.start, r.end);
        pos = r.end;
      } else {
        this.frame(direction, src, r.frame);
        pos = r.frame.end;
      }
    }
    return null;
  }
}

/** Whether a message looks like a STOMP frame or heart-beat: for sniffing. */
export function looksLikeStomp(m: WsMessage): boolean {
  const head = lenientText(m.data.subarray(0, 16));
  return (
    /^(?:\r?\n)+$/.test(head) ||
    /^(CONNECT|STOMP|CONNECTED|SEND|SUBSCRIBE|MESSAGE|RECEIPT|ERROR|ACK|NACK|UNSUBSCRIBE|BEGIN|COMMIT|ABORT|DISCONNECT)\r?\n/.test(
      head,
    )
  );
}

export const stompDecoder: ProtocolDecoder = {
  id: 'stomp',
  name: 'STOMP 1.2',
  subprotocols: ['v12.stomp', 'v11.stomp', 'v10.stomp', 'stomp'],
  sniff: (messages) => 0.9 * share(messages, looksLikeStomp),
  decode(messages) {
    const out = new StompUnits(messages);
    // Bytes of an unfinished frame wait for the next message of their direction.
    const pending: Record<Direction, SourcePart[]> = { c2s: [], s2c: [] };
    messages.forEach((m, index) => {
      const parts = pending[m.direction];
      parts.push({ message: index, data: m.data, offset: 0 });
      // An unfinished frame cannot end without a NULL: wait for one instead of joining and reading again, so a
      // frame cut into many messages costs linear time.
      if (parts.length > 1 && !m.data.includes(0)) return;
      const src = joinedSource(parts);
      const rest = out.readAll(m.direction, src);
      pending[m.direction] = rest === null ? [] : tail(parts, rest.start);
    });
    for (const direction of ['c2s', 's2c'] as const) {
      const parts = pending[direction];
      if (parts.length === 0) continue;
      const src = joinedSource(parts);
      const r = readStompFrame(src, 0);
      out.incomplete(direction, src, 0, r.kind === 'incomplete' ? r.reason : 'cut off');
    }
    return out.units;
  },
};

/** The parts from joined offset `start` on. */
function tail(parts: SourcePart[], start: number): SourcePart[] {
  let skip = start;
  const out: SourcePart[] = [];
  for (const p of parts) {
    const length = p.data.length - p.offset;
    if (skip >= length) {
      skip -= length;
      continue;
    }
    out.push({ ...p, offset: p.offset + skip });
    skip = 0;
  }
  return out;
}
