/**
 * Putting both directions of a connection together: frames in wire order (by capture time), messages likewise,
 * and a one-line summary per frame.
 */
import { describeCloseCode } from '../codec/close';
import type { Direction } from '../codec/stream-types';
import type { DirFrame, DirResult } from './direction-decode';
import type { CaptureConnection, CapturedFrame, CapturedMessage } from './types';

const PREVIEW = 48;

function preview(text: string): string {
  const oneLine = text.replace(/[\r\n\t]/g, ' ');
  return oneLine.length > PREVIEW ? `${oneLine.slice(0, PREVIEW)}…` : oneLine;
}

function summary(f: DirFrame, messages: DirResult['messages']): string {
  const flags = `${f.fin ? '' : ' (not final)'}${f.rsv1 ? ' compressed' : ''}`;
  if (f.opcode === 8) {
    if (!f.close || f.close.code === undefined) return 'close (no status code)';
    const info = describeCloseCode(f.close.code);
    return `close ${f.close.code} ${info.name}${f.close.reason ? ` “${preview(f.close.reason)}”` : ''}`;
  }
  if (f.opcode === 9 || f.opcode === 10) {
    const text = new TextDecoder().decode(f.payload);
    return `${f.opcodeName} ${f.payloadLength} bytes${text && /^[\x20-\x7e]*$/.test(text) ? ` “${preview(text)}”` : ''}`;
  }
  const m = f.message === null ? undefined : messages[f.message];
  if (m && f.fin) {
    const body = m.text !== null ? `“${preview(m.text)}”` : `${m.data.length} bytes`;
    return `${f.opcodeName}${flags}: message ${body}${m.frames.length > 1 ? ` from ${m.frames.length} frames` : ''}`;
  }
  return `${f.opcodeName}${flags}, ${f.payloadLength} bytes`;
}

type Tagged = { d: Direction; i: number; f: DirFrame; r: DirResult };

/** Merge two decoded directions into the connection's frame and message lists (wire order, by time). */
export function mergeDirections(
  conn: Omit<CaptureConnection, 'frames' | 'messages'>,
  client: DirResult,
  server: DirResult,
  reconstructed = false,
): CaptureConnection {
  const tagged: Tagged[] = [
    ...client.frames.map((f, i) => ({ d: 'client-to-server' as const, i, f, r: client })),
    ...server.frames.map((f, i) => ({ d: 'server-to-client' as const, i, f, r: server })),
  ];
  // Stable: equal times keep each direction's own order.
  tagged.sort((a, b) => a.f.time - b.f.time);
  // Where each direction's frame and message ended up in wire order: one array per direction (no string keys).
  const frameIndex = {
    'client-to-server': new Int32Array(client.frames.length),
    'server-to-client': new Int32Array(server.frames.length),
  };
  tagged.forEach((t, n) => (frameIndex[t.d][t.i] = n));
  const msgs: { d: Direction; i: number; m: DirResult['messages'][number] }[] = [
    ...client.messages.map((m, i) => ({ d: 'client-to-server' as const, i, m })),
    ...server.messages.map((m, i) => ({ d: 'server-to-client' as const, i, m })),
  ];
  msgs.sort((a, b) => a.m.time - b.m.time);
  const msgIndex = {
    'client-to-server': new Int32Array(client.messages.length),
    'server-to-client': new Int32Array(server.messages.length),
  };
  msgs.forEach((x, n) => (msgIndex[x.d][x.i] = n));
  const frames: CapturedFrame[] = tagged.map((t, index) => ({
    index,
    direction: t.d,
    time: t.f.time,
    bytes: t.f.bytes,
    fin: t.f.fin,
    rsv1: t.f.rsv1,
    rsv2: t.f.rsv2,
    rsv3: t.f.rsv3,
    opcode: t.f.opcode,
    opcodeName: t.f.opcodeName,
    masked: t.f.masked,
    maskingKey: t.f.maskingKey,
    payloadLength: t.f.payloadLength,
    summary: summary(t.f, t.r.messages),
    violations: t.f.violations,
    message: t.f.message === null ? null : (msgIndex[t.d][t.f.message] ?? null),
    reconstructed,
    afterGap: t.f.afterGap,
  }));
  const messages: CapturedMessage[] = msgs.map((x, index) => ({
    index,
    direction: x.d,
    time: x.m.time,
    opcode: x.m.opcode,
    data: x.m.data,
    text: x.m.text,
    frames: x.m.frames.map((i) => frameIndex[x.d][i] ?? -1),
    compressedLength: x.m.compressedLength,
    afterGap: x.m.afterGap,
  }));
  return { ...conn, frames, messages };
}
