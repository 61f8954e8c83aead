/**
 * What a receiver makes of the whole built sequence: the codec's `createReceiver` is fed every frame's bytes,
 * and its events say which messages arrive and where (if anywhere) it fails the connection.
 */
import { createReceiver } from '../../codec/receiver';
import type { ReceiverEvent, Role, Violation } from '../../codec/types';
import { receiverRole } from './frame-draft';
import { plural } from '../../lib/plural';

export interface SequenceEvent {
  /** Index of the frame that completed the event. */
  frame: number;
  text: string;
}

export interface SequenceVerdict {
  events: SequenceEvent[];
  /** Where the receiver failed the connection, if it did. */
  failure: { frame: number; code: number; violation: Violation } | null;
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const total = parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const preview = (s: string) => (s.length > 40 ? `${s.slice(0, 40)}…` : s);

function describe(e: ReceiverEvent): string | null {
  switch (e.type) {
    case 'message':
      return (
        (e.opcode === 1
          ? `text message “${preview(e.text ?? '')}” (${plural(e.data.length, 'byte')}, ${plural(e.frames, 'frame')})`
          : `binary message of ${plural(e.data.length, 'byte')} (${plural(e.frames, 'frame')})`) +
        (e.compressedLength === undefined ? '' : `, inflated from ${plural(e.compressedLength, 'byte')}`)
      );
    case 'ping':
    case 'pong':
      return `${e.type} with ${plural(e.data.length, 'byte')} of payload`;
    case 'close':
      return e.code === undefined
        ? 'close with no status code'
        : `close ${e.code}${e.reason ? ` “${preview(e.reason)}”` : ''}`;
    default:
      return null;
  }
}

/** Feed the frames in order to a receiver at the other end from `sender`; `deflate`: permessage-deflate negotiated. */
export function runSequence(frames: readonly Uint8Array[], sender: Role, deflate = false): SequenceVerdict {
  const receiver = createReceiver({
    role: receiverRole(sender),
    permessageDeflate: deflate ? {} : null,
    frameEvents: false,
  });
  const events: SequenceEvent[] = [];
  for (const [index, bytes] of frames.entries()) {
    for (const e of receiver.push(bytes)) {
      if (e.type === 'fail')
        return { events, failure: { frame: index, code: e.code, violation: e.violation } };
      const text = describe(e);
      if (text) events.push({ frame: index, text });
    }
  }
  return { events, failure: null };
}
