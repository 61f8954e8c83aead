/**
 * `/echo?lab=ID` plays one case of the browser-reaction Lab. The `ws` client stands in for the browser: it is an
 * independent receiver, so what it answers (its close code, its pong) is its own reading of the bytes the server sent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { decodeFrame, parseClosePayload } from '../../../src/codec';
import type { TapMessage } from '../../../src/lib/tap-protocol';
import { clientFrame, openTap, rawClient, startServer, UPGRADE, type Running } from './helpers';

let server: Running;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.stop());

/** The client's frames as the tap copied them: opcode name and, for a close, its code. */
function clientFrames(messages: TapMessage[]): string[] {
  return messages.flatMap((m) => {
    if (m.type !== 'frame' || m.from !== 'client') return [];
    const f = decodeFrame(new Uint8Array(Buffer.from(m.bytes, 'base64')), 0, { role: 'server' });
    if (f.incomplete) return ['incomplete'];
    if (f.opcode !== 8) return [`${f.opcodeName} ${new TextDecoder().decode(f.payload)}`];
    const close = parseClosePayload(f.payload);
    return [`close ${'code' in close ? close.code : ''}`];
  });
}

async function play(id: string) {
  const tap = await openTap(server);
  const client = new WebSocket(server.url(`/echo?lab=${id}&tap=${tap.id}`));
  client.on('error', () => {});
  const messages: string[] = [];
  client.on('message', (data, isBinary) =>
    messages.push(`${isBinary ? 'binary' : 'text'}:${(data as Buffer).length}`),
  );
  const closed = new Promise<number>((resolve) => client.once('close', (code) => resolve(code)));
  const end = await tap.waitFor((m) => m.type === 'end');
  return { code: await closed, messages, wire: clientFrames(tap.messages), end, tap: tap.messages };
}

/** The HTTP response head, once all of it has arrived. */
async function waitForHead(received: () => Buffer): Promise<string> {
  for (;;) {
    const text = received().toString('latin1');
    const end = text.indexOf('\r\n\r\n');
    if (end >= 0) return text.slice(0, end);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('/echo?lab=', () => {
  it('plays invalid UTF-8: ws fails with 1007 and the tap shows its close frame', async () => {
    const r = await play('invalid-utf8');
    expect(r.code).toBe(1006);
    expect(r.wire).toEqual(['close 1007']);
    expect(r.tap.some((m) => m.type === 'note' && m.text.includes('invalid-utf8'))).toBe(true);
  });

  it('plays a ping between fragments: ws answers the pong, gets the message and the close', async () => {
    const r = await play('ping-mid-fragment');
    expect(r.messages).toEqual(['text:5']);
    expect(r.wire).toEqual(['pong between', 'close 1000']);
    expect(r.code).toBe(1000);
    expect(r.end.type === 'end' && r.end.clean).toBe(true);
  });

  it('waits between steps: ws checks UTF-8 per whole message, so it fails only after the final fragment', async () => {
    const r = await play('invalid-utf8-fail-fast');
    expect(r.wire).toEqual(['close 1007']);
    const server = r.tap.flatMap((m) =>
      m.type === 'frame' && m.from === 'server' ? [Buffer.from(m.bytes, 'base64')[0]! & 0x0f] : [],
    );
    // Text (FIN = 0), the final continuation after the pause, then the server's answer to the client's close.
    expect(server).toEqual([0x1, 0x0, 0x8]);
  });

  it('skips the rest of the steps once the client has closed (a fail-fast client)', async () => {
    const c = await rawClient(server.port);
    c.socket.write(UPGRADE('/echo?lab=invalid-utf8-fail-fast'));
    const head = await waitForHead(c.received);
    // As soon as the first frame is in, close with 1007, as a client validating UTF-8 byte by byte would.
    for (;;) {
      if (c.received().length >= head.length + 4 + 5) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    c.socket.write(clientFrame(0x8, Uint8Array.of(0x03, 0xef)));
    const all = await c.closed;
    const after = all.subarray(head.length + 4);
    // 01 03 61 62 ff (text, FIN = 0), then 88 02 03 ef (the close answered): no continuation frame.
    expect(after.toString('hex')).toBe('01036162ff' + '880203ef');
  });

  it('resets TCP in the middle of a frame', async () => {
    const r = await play('tcp-reset-mid-frame');
    expect(r.code).toBe(1006);
    expect(r.wire).toEqual([]);
    expect(r.messages).toEqual([]);
  });

  it('negotiates permessage-deflate only for the cases that need it', async () => {
    const [withDeflate, without] = await Promise.all(
      ['compressed-ping', 'rsv1-without-extension'].map(async (id) => {
        const c = await rawClient(server.port);
        c.socket.write(UPGRADE(`/echo?lab=${id}`, 'Sec-WebSocket-Extensions: permessage-deflate\r\n'));
        const head = await waitForHead(c.received);
        c.socket.destroy();
        return head;
      }),
    );
    expect(withDeflate).toMatch(/Sec-WebSocket-Extensions: permessage-deflate/i);
    expect(without).not.toMatch(/Sec-WebSocket-Extensions/i);
  });

  it('answers an unknown case with 400', async () => {
    const c = await rawClient(server.port);
    c.socket.write(UPGRADE('/echo?lab=nope'));
    expect((await c.closed).toString('latin1')).toMatch(/^HTTP\/1\.1 400 [^]*lab=nope: no such Lab case/);
  });
});
