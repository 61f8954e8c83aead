import { describe, expect, it } from 'vitest';
import { exportSession, importCapture } from '../../../src/capture';
import { describeCloseCode } from '../../../src/codec';
import { decodedMessages, fixture, log, loggedMessages } from './helpers';

const enc = (s: string) => new TextEncoder().encode(s);

describe('HAR', () => {
  it("Chrome DevTools' _webSocketMessages become reconstructed frames with the logged messages", () => {
    const r = importCapture('chromium-devtools.har', fixture('chromium-devtools.har'));
    expect(r.format).toBe('har');
    const c = r.connections[0]!;
    const truth = log('chromium-devtools.har');
    expect(decodedMessages(c, 'client-to-server')).toEqual(loggedMessages(truth.clientSent));
    expect(c.reconstructed).toBe(true);
    expect(c.frames.every((f) => f.reconstructed)).toBe(true);
    // Client frames are masked with the placeholder key: the real keys are not in a HAR.
    const sent = c.frames.find((f) => f.direction === 'client-to-server')!;
    expect([...sent.maskingKey!]).toEqual([0, 0, 0, 0]);
    expect(c.url).toBe('ws://127.0.0.1:9205/har');
    expect(c.extensions).toContain('permessage-deflate');
    expect(r.warnings.map((w) => w.message).join()).toContain('reconstructed');
  });

  it('says so when a logged message has an opcode no message can have, or no readable time', () => {
    const har = {
      log: {
        version: '1.2',
        entries: [
          {
            startedDateTime: '2024-01-01T00:00:00.000Z',
            request: { method: 'GET', url: 'ws://example.test/s', headers: [] },
            response: { status: 101, statusText: 'Switching Protocols', headers: [] },
            _webSocketMessages: [
              { type: 'send', time: 1704067200.5, opcode: 99, data: 'odd' },
              { type: 'send', time: 'x', opcode: 1, data: 'late' },
            ],
          },
        ],
      },
    };
    const r = importCapture('odd.har', enc(JSON.stringify(har)));
    const warnings = r.warnings.map((w) => w.message).join('\n');
    expect(warnings).toContain('opcode 99 was skipped');
    expect(warnings).toContain('without a readable time ("x")');
    expect(r.connections[0]!.messages.map((m) => m.text)).toEqual(['late']);
  });

  it("HTTP Toolkit's _webSocketClose becomes a close frame", () => {
    const har = {
      log: {
        version: '1.2',
        entries: [
          {
            startedDateTime: '2024-01-01T00:00:00.000Z',
            request: { method: 'GET', url: 'wss://example.test/s', headers: [] },
            response: { status: 101, statusText: 'Switching Protocols', headers: [] },
            _webSocketMessages: [
              { type: 'send', time: 1704067200.5, opcode: 1, data: 'hi' },
              { type: 'receive', time: 1704067200.75, opcode: 2, data: 'AAEC' },
            ],
            _webSocketClose: { code: 4001, reason: 'custom', timestamp: 1704067201 },
          },
        ],
      },
    };
    const c = importCapture('t.har', enc(JSON.stringify(har))).connections[0]!;
    expect(c.frames.map((f) => f.time)).toEqual([500, 750, 1000]);
    expect(c.frames[1]!.summary).toBe('binary: message 3 bytes');
    expect(c.frames[2]!.summary).toBe(`close 4001 ${describeCloseCode(4001).name} “custom”`);
    expect(c.frames[2]!.opcode).toBe(8);
    expect(c.frames[2]!.summary).toContain('close 4001');
  });

  it('a HAR that is not JSON, or JSON that is not a HAR, or a HAR without WebSockets, says so', () => {
    expect(importCapture('a.har', enc('{"log": {"entries": [}')).error).toMatch(/not valid JSON/);
    expect(importCapture('a.har', enc('{"hello": 1}')).error).toMatch(/not a HAR file/);
    expect(importCapture('a.har', enc('{"log": {"entries": [{"request": {}}]}}')).error).toMatch(
      /has 1 entry; it is not a WebSocket connection, and the file holds no WebSocket messages/,
    );
  });
});

describe('text captures', () => {
  it('a tshark -x dump gives the same frames as the capture it was printed from', () => {
    const fromText = importCapture('d.txt', fixture('python-websockets-plain-sll2.tshark-x.txt'));
    const fromPcap = importCapture('d.pcap', fixture('python-websockets-plain-sll2.pcap'));
    expect(fromText.format).toBe('hexdump');
    const a = fromText.connections[0]!;
    const b = fromPcap.connections[0]!;
    expect(a.frames.map((f) => f.summary)).toEqual(b.frames.map((f) => f.summary));
    expect(a.frames.map((f) => Buffer.from(f.bytes).toString('hex'))).toEqual(
      b.frames.map((f) => Buffer.from(f.bytes).toString('hex')),
    );
  });

  it('hex with direction markers', () => {
    const r = importCapture('m.txt', fixture('marked-hex.txt'));
    const c = r.connections[0]!;
    expect(c.frames.map((f) => f.direction)).toEqual([
      'client-to-server',
      'server-to-client',
      'server-to-client',
      'server-to-client',
      'client-to-server',
    ]);
    expect(c.messages.map((m) => m.text)).toEqual(['Hello', 'Hello', 'Hello']);
    expect(c.frames[3]!.summary).toBe('continuation: message “Hello” from 2 frames');
  });

  it('plain hex: masked frames are the client’s', () => {
    const c = importCapture('p.txt', enc('81 85 37 fa 21 3d 7f 9f 4d 51 58 81 05 48 65 6c 6c 6f'))
      .connections[0]!;
    expect(c.frames.map((f) => f.direction)).toEqual(['client-to-server', 'server-to-client']);
  });

  it('text that is not hex says where', () => {
    expect(importCapture('p.txt', enc('hello there')).error).toMatch(/line 1/);
  });
});

describe('session files', () => {
  for (const name of [
    'chromium-ws-deflate.pcapng',
    'python-websockets-deflate-ns.pcap',
    'chromium-devtools.har',
  ]) {
    it(`exportSession() then importCapture() gives the same frames and messages (${name})`, () => {
      const first = importCapture(name, fixture(name));
      const text = exportSession(first.connections, name, new Date(0));
      const again = importCapture('s.json', enc(text));
      expect(again.format).toBe('session');
      const [a, b] = [first.connections[0]!, again.connections[0]!];
      expect(b.frames.map((f) => [f.direction, f.time, f.summary])).toEqual(
        a.frames.map((f) => [f.direction, f.time, f.summary]),
      );
      expect(b.messages.map((m) => m.text)).toEqual(a.messages.map((m) => m.text));
      expect(b.reconstructed).toBe(a.reconstructed);
      expect(JSON.parse(text)).toMatchObject({
        framescope: 'session',
        version: 1,
        exportedAt: '1970-01-01T00:00:00.000Z',
      });
    });
  }

  it('an unknown version is refused with both versions named', () => {
    const r = importCapture('s.json', enc('{"framescope":"session","version":7,"connections":[]}'));
    expect(r.error).toBe('this session file has version 7; this Framescope reads version 1');
  });
});
