/**
 * Real permessage-deflate traffic between a ws client and a ws server, captured on loopback by
 * tests/fixtures/deflate/capture.mjs: negotiation read from the handshake, every message inflated, both directions.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseExtensions } from '../../../src/codec/extensions';
import { decodeFrame } from '../../../src/codec/frame';
import { createInflater } from '../../../src/codec/permessage-deflate';
import { validatePermessageDeflateResponse } from '../../../src/codec/permessage-deflate-negotiation';
import { createReceiver } from '../../../src/codec/receiver';
import type { PermessageDeflateParams, Role } from '../../../src/codec/types';

const root = 'tests/fixtures/deflate/';
const scenarios = readdirSync(root).filter((name) => statSync(root + name).isDirectory());

interface Expected {
  offer: string;
  response: string;
  /** `preview` (the start of each message) is there for people reading the file. */
  messages: { type: 'text' | 'binary'; length: number; sha256: string; preview: string }[];
}

const load = (name: string) => ({
  expected: JSON.parse(readFileSync(`${root}${name}/expected.json`, 'utf8')) as Expected,
  clientToServer: Buffer.from(
    readFileSync(`${root}${name}/client-to-server.hex`, 'utf8').replace(/\s+/g, ''),
    'hex',
  ),
  serverToClient: Buffer.from(
    readFileSync(`${root}${name}/server-to-client.hex`, 'utf8').replace(/\s+/g, ''),
    'hex',
  ),
});
const summary = (type: 'text' | 'binary', data: Uint8Array) => ({
  type,
  length: data.length,
  sha256: createHash('sha256').update(data).digest('hex'),
});

function negotiated(expected: Expected): Required<PermessageDeflateParams> {
  const check = validatePermessageDeflateResponse(
    parseExtensions(expected.offer).extensions,
    parseExtensions(expected.response).extensions,
  );
  if (!check.ok || check.params === null) throw new Error(JSON.stringify(check));
  return check.params;
}

/** Frame by frame with decodeFrame and our inflater alone: RSV1 marks a compressed message's first frame. */
function inflateStream(bytes: Uint8Array, params: PermessageDeflateParams, receiver: Role) {
  const inflater = createInflater(params, receiver);
  const messages: ReturnType<typeof summary>[] = [];
  let compressedFrames = 0;
  let current: { type: 'text' | 'binary'; compressed: boolean; parts: Uint8Array[] } | null = null;
  for (let offset = 0; offset < bytes.length;) {
    const frame = decodeFrame(bytes, offset, { role: receiver, extensionsRsv1: true });
    if (frame.incomplete) throw new Error(`incomplete frame at ${offset}`);
    offset += frame.totalLength;
    if (frame.opcode >= 8) continue;
    if (frame.opcode !== 0) {
      current = { type: frame.opcode === 1 ? 'text' : 'binary', compressed: frame.rsv1, parts: [] };
      if (frame.rsv1) compressedFrames++;
    } else {
      expect(frame.rsv1).toBe(false);
    }
    if (!current) throw new Error('continuation without a message');
    if (current.compressed) {
      const result = inflater.inflate(frame.payload, frame.fin, 1 << 24);
      if (!result.ok) throw new Error(`inflate failed at ${frame.offset}: ${JSON.stringify(result)}`);
      current.parts.push(result.data);
    } else {
      current.parts.push(frame.payload);
    }
    if (frame.fin) {
      messages.push(summary(current.type, Buffer.concat(current.parts)));
      current = null;
    }
  }
  return { messages, compressedFrames };
}

describe.each(scenarios)('captured ws ↔ ws traffic: %s', (name) => {
  const { expected, clientToServer, serverToClient } = load(name);
  const params = negotiated(expected);

  it.each([
    ['client → server', clientToServer, 'server'],
    ['server → client', serverToClient, 'client'],
  ] as const)('our inflater reads every %s message', (_direction, bytes, receiver) => {
    const { messages, compressedFrames } = inflateStream(bytes, params, receiver);
    expect(messages).toEqual(expected.messages.map(({ preview: _, ...rest }) => rest));
    expect(compressedFrames).toBe(expected.messages.length);
  });

  it.each([
    ['client → server', clientToServer, 'server'],
    ['server → client', serverToClient, 'client'],
  ] as const)('createReceiver reads every %s message and the close', (_direction, bytes, role) => {
    const events = createReceiver({ role, permessageDeflate: params, frameEvents: false }).push(bytes);
    const messages = events.flatMap((e) =>
      e.type === 'message' ? [summary(e.opcode === 1 ? 'text' : 'binary', e.data)] : [],
    );
    expect(events.filter((e) => e.type === 'fail')).toEqual([]);
    expect(messages).toEqual(expected.messages.map(({ preview: _, ...rest }) => rest));
    expect(events.at(-1)).toMatchObject({ type: 'close', code: 1000 });
  });
});

describe('the captured context-takeover stream', () => {
  it('begins with the RFC 7692 §7.2.3.1 and §7.2.3.2 frames: ws sends "Hello" twice exactly as the RFC shows', () => {
    const { serverToClient } = load('context-takeover');
    expect(serverToClient.subarray(0, 16).toString('hex')).toBe('c107f248cdc9c90700c105f200110000');
  });
});
