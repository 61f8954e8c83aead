/**
 * Framescope's own session file: a versioned JSON document holding connections and their frames as hex, so a
 * session exported from the Decoder, Builder, Live or Replay view opens again exactly.
 */
import { parseHex, toHex } from '../codec/hex';
import { DEFAULT_MAX_MESSAGE_SIZE } from '../codec/limits';
import type { Direction } from '../codec/stream-types';
import { mergeDirections } from './connection';
import { decodeDirection } from './direction-decode';
import { streamOf } from './hexdump-text';
import { maxOf } from './numbers';
import { deflateFromExtensions } from './deflate-params';
import {
  CaptureError,
  type CaptureConnection,
  type CaptureImport,
  type CaptureWarning,
  type Endpoint,
} from './types';

/** The schema version this build writes and reads. */
export const SESSION_VERSION = 1;

/** A session file, version 1. */
export interface SessionFile {
  framescope: 'session';
  version: 1;
  /** ISO 8601. */
  exportedAt: string;
  /** Which view or file it came from. */
  source: string;
  connections: {
    label: string;
    url: string | null;
    client: Endpoint | null;
    server: Endpoint | null;
    request: string | null;
    response: string | null;
    subprotocol: string | null;
    extensions: string | null;
    reconstructed: boolean;
    /** `afterGap`: decoded after bytes were lost, from an unconfirmed boundary (written only when true). */
    frames: { direction: Direction; time: number; hex: string; afterGap?: true }[];
  }[];
}

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

function endpoint(v: unknown): Endpoint | null {
  return isObj(v) && typeof v.address === 'string' && typeof v.port === 'number'
    ? { address: v.address, port: v.port }
    : null;
}

/**
 * A session file for the connections (frames only: messages are decoded again on import).
 * @example JSON.parse(exportSession(importCapture('a.pcap', bytes).connections, 'a.pcap')).version // 1
 */
export function exportSession(connections: CaptureConnection[], source: string, now = new Date()): string {
  const file: SessionFile = {
    framescope: 'session',
    version: SESSION_VERSION,
    exportedAt: now.toISOString(),
    source,
    connections: connections.map((c) => ({
      label: c.label,
      url: c.url,
      client: c.client,
      server: c.server,
      request: c.request,
      response: c.response,
      subprotocol: c.subprotocol,
      extensions: c.extensions,
      reconstructed: c.reconstructed,
      frames: c.frames.map((f) => ({
        direction: f.direction,
        time: f.time,
        hex: toHex(f.bytes),
        ...(f.afterGap ? { afterGap: true as const } : {}),
      })),
    })),
  };
  return JSON.stringify(file, null, 2);
}

/** Read a parsed session document. Throws CaptureError for a wrong kind or version. */
export function parseSession(
  json: unknown,
  maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE,
): Omit<CaptureImport, 'name' | 'format'> {
  if (!isObj(json) || json.framescope !== 'session')
    throw new CaptureError('this JSON is not a Framescope session');
  if (json.version !== SESSION_VERSION) {
    throw new CaptureError(
      `this session file has version ${String(json.version)}; this Framescope reads version ${SESSION_VERSION}`,
    );
  }
  if (!Array.isArray(json.connections)) throw new CaptureError('this session file has no connections list');
  const warnings: CaptureWarning[] = [];
  const connections = json.connections.filter(isObj).map((c, n) => {
    const id = String(n + 1);
    const blocks: { direction: Direction; bytes: Uint8Array; time: number; afterGap: boolean }[] = [];
    const frames = Array.isArray(c.frames) ? c.frames : [];
    frames.forEach((f, i) => {
      const hex = isObj(f) ? str(f.hex) : null;
      const r = hex === null ? null : parseHex(hex);
      if (!isObj(f) || !r || !r.ok) {
        warnings.push({
          message: `connection ${id}: frame ${i + 1} has no readable hex; skipped`,
          connection: id,
        });
        return;
      }
      const direction: Direction =
        f.direction === 'server-to-client' ? 'server-to-client' : 'client-to-server';
      blocks.push({
        direction,
        bytes: r.bytes,
        time: typeof f.time === 'number' && Number.isFinite(f.time) ? f.time : i,
        afterGap: f.afterGap === true,
      });
    });
    const extensions = str(c.extensions);
    const deflate = deflateFromExtensions(extensions);
    const part = (d: Direction) => {
      const list = blocks.filter((b) => b.direction === d).sort((a, b) => a.time - b.time);
      const out = decodeDirection(streamOf(list), d, 0, deflate, false, maxMessageSize);
      // Frames that were unconfirmed stay so: one block is one frame, else every frame is suspect.
      const oneToOne = out.frames.length === list.length;
      const anyAfterGap = list.some((b) => b.afterGap);
      out.frames.forEach((f, k) => (f.afterGap = oneToOne ? (list[k]?.afterGap ?? false) : anyAfterGap));
      for (const m of out.messages) m.afterGap = m.frames.some((k) => out.frames[k]?.afterGap === true);
      return out;
    };
    const cs = part('client-to-server');
    const sc = part('server-to-client');
    for (const w of [...cs.warnings, ...sc.warnings])
      warnings.push({ message: `connection ${id}: ${w}`, connection: id });
    return mergeDirections(
      {
        id,
        label: str(c.label) ?? `connection ${id}`,
        client: endpoint(c.client),
        server: endpoint(c.server),
        url: str(c.url),
        request: str(c.request),
        response: str(c.response),
        subprotocol: str(c.subprotocol),
        extensions,
        permessageDeflate: deflate,
        reconstructed: c.reconstructed === true,
        tls: false,
        gaps: [],
        duration: maxOf(blocks.map((b) => b.time)),
      },
      cs,
      sc,
      c.reconstructed === true,
    );
  });
  return { connections, warnings, error: null };
}
