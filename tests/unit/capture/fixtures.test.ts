import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCapture, type CaptureConnection } from '../../../src/capture';
import { decodedMessages, FIXTURES, fixture, log, loggedMessages } from './helpers';

const CAPTURES = [
  'chromium-ws-plain.pcap',
  'chromium-ws-deflate.pcapng',
  'python-websockets-deflate-ns.pcap',
  'python-websockets-plain-sll2.pcap',
];

const hasTshark = (() => {
  try {
    execFileSync('tshark', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

function only(name: string): CaptureConnection {
  const r = importCapture(name, fixture(name));
  expect(r.error).toBeNull();
  expect(r.connections).toHaveLength(1);
  return r.connections[0]!;
}

/** Header fields as tshark prints them: fin, rsv, opcode, mask, 7-bit length, 16-bit length, masking key. */
function headerRows(c: CaptureConnection): string[] {
  return c.frames.map((f) =>
    [
      f.fin ? 1 : 0,
      `0x${(((f.rsv1 ? 4 : 0) | (f.rsv2 ? 2 : 0) | (f.rsv3 ? 1 : 0)) as number).toString(16).padStart(2, '0')}`,
      f.opcode,
      f.masked ? 1 : 0,
      f.payloadLength < 126 ? f.payloadLength : f.payloadLength < 65536 ? 126 : 127,
      f.payloadLength >= 126 && f.payloadLength < 65536 ? f.payloadLength : '',
      f.maskingKey ? Buffer.from(f.maskingKey).toString('hex') : '',
    ].join('\t'),
  );
}

/** tshark prints several frames of one packet in one row, comma-separated: one row per frame. */
function splitTsharkRows(text: string): string[] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .flatMap((line) => {
      const cols = line.split('\t').map((c) => c.split(','));
      const n = Math.max(...cols.map((c) => c.length));
      return Array.from({ length: n }, (_, i) =>
        cols.map((c, ci) => (ci >= 5 ? (c[i] ?? '') : (c[i] ?? c[0] ?? ''))).join('\t'),
      );
    });
}

describe('importCapture() on real captures', () => {
  for (const name of CAPTURES) {
    it(`${name}: messages equal what each endpoint logged it sent`, () => {
      const c = only(name);
      const truth = log(name);
      expect(decodedMessages(c, 'client-to-server')).toEqual(loggedMessages(truth.clientSent));
      expect(decodedMessages(c, 'server-to-client')).toEqual(loggedMessages(truth.serverSent));
      expect(c.permessageDeflate !== null).toBe(truth.deflate === true);
      expect(c.request).toMatch(/^GET \/\S* HTTP\/1\.1\r\n/);
      expect(c.response).toMatch(/^HTTP\/1\.1 101 /);
    });

    it(`${name}: the close frames carry the logged code and reason, and pings their data`, () => {
      const c = only(name);
      const truth = log(name);
      const sentClose = truth.clientSent.find((e) => e.type === 'close')!;
      const closes = c.frames.filter((f) => f.opcode === 8);
      expect(closes[0]?.direction).toBe('client-to-server');
      expect(closes[0]?.summary).toContain(`close ${sentClose.code}`);
      expect(closes[0]?.summary).toContain(sentClose.reason);
      const ping = [...truth.clientSent, ...(truth.serverSent ?? [])].find((e) => e.type === 'ping')!;
      expect(c.frames.some((f) => f.opcode === 9 && f.summary.includes(ping.text!))).toBe(true);
    });

    it(`${name}: every frame header agrees with tshark's dissector (stored output)`, () => {
      const c = only(name);
      const stored = splitTsharkRows(fixture(`${name}.tshark-fields.tsv`).toString());
      const text = new TextDecoder().decode(fixture(`${name}.tshark-fields.tsv`));
      expect(stored.length).toBeGreaterThan(0);
      expect(headerRows(c)).toEqual(splitTsharkRows(text));
    });

    it.skipIf(!hasTshark)(
      `${name}: every frame header agrees with tshark run on the file now (skipped where tshark is not installed)`,
      () => {
        const out = execFileSync(
          'tshark',
          [
            '-r',
            join(FIXTURES, name),
            '-Y',
            'websocket',
            '-T',
            'fields',
            '-E',
            'separator=/t',
            '-e',
            'websocket.fin',
            '-e',
            'websocket.rsv',
            '-e',
            'websocket.opcode',
            '-e',
            'websocket.mask',
            '-e',
            'websocket.payload_length',
            '-e',
            'websocket.payload_length_ext_16',
            '-e',
            'websocket.masking_key',
          ],
          { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
        );
        expect(headerRows(only(name))).toEqual(splitTsharkRows(out));
      },
    );
  }

  it('frame times are ms since the capture start and never go backwards', () => {
    const c = only('python-websockets-deflate-ns.pcap');
    const times = c.frames.map((f) => f.time);
    expect(times[0]).toBeGreaterThan(0);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(c.duration).toBeGreaterThanOrEqual(times[times.length - 1]!);
  });

  it('a compressed fragmented message inflates with context takeover (tshark 4.0 shows garbage here)', () => {
    const c = only('python-websockets-deflate-ns.pcap');
    const m = c.messages.find((x) => x.text === 'one two three')!;
    expect(m.frames).toHaveLength(4);
    expect(m.compressedLength).not.toBeNull();
    expect(c.permessageDeflate).toMatchObject({ serverMaxWindowBits: 12, clientMaxWindowBits: 12 });
  });
});
