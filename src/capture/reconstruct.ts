/**
 * Frames rebuilt from a log of messages (HAR, session files without bytes): each message becomes the single
 * unfragmented, uncompressed frame it would most simply have been. Client frames must be masked (RFC 6455 §5.3)
 * but the real keys are unknown, so they get the key 00 00 00 00, which leaves the payload readable.
 */
import { decodeFrame } from '../codec/frame';
import { encodeFrame } from '../codec/frame-encode';
import type { Direction } from '../codec/stream-types';
import { headerOf, type DirFrame, type DirResult } from './direction-decode';

export const UNKNOWN_KEY = new Uint8Array(4);

/** One logged message or control frame. */
export interface LoggedMessage {
  direction: Direction;
  time: number;
  opcode: number;
  payload: Uint8Array;
  close?: { code?: number; reason: string };
}

/** Add one logged message to a direction's frames (and messages, for text and binary). */
export function pushLogged(out: DirResult, m: LoggedMessage): void {
  const client = m.direction === 'client-to-server';
  const bytes = encodeFrame({
    opcode: m.opcode & 0x0f,
    payload: m.payload,
    mask: client ? UNKNOWN_KEY : null,
    allowInvalid: true,
  });
  const f = decodeFrame(bytes, 0, { role: client ? 'server' : 'client' });
  if (f.incomplete) return;
  const frame: DirFrame = {
    time: m.time,
    bytes,
    ...headerOf(f),
    violations: f.violations,
    message: null,
    close: m.close ?? null,
    afterGap: false,
  };
  if (f.opcode === 1 || f.opcode === 2) {
    frame.message = out.messages.length;
    let text: string | null = null;
    if (f.opcode === 1) text = new TextDecoder().decode(m.payload);
    out.messages.push({
      opcode: f.opcode,
      data: m.payload,
      text,
      frames: [out.frames.length],
      compressedLength: null,
      time: m.time,
      afterGap: false,
    });
  }
  out.frames.push(frame);
}
