import { describe, expect, it } from 'vitest';
import { importCapture, pairCapturedPings } from '../../../src/capture';
import { fixture } from './helpers';

/**
 * Expected pairs and times from tshark on the same files:
 * `tshark -r F -Y websocket -T fields -e frame.time_relative -e websocket.opcode -e websocket.payload.ping -e websocket.payload.pong`
 * chromium-ws-plain.pcap: ping "are you there" at 0.065722 s, pong with the same data at 0.066877 s.
 * python-websockets-plain-sll2.pcap: ping "ping-1" at 0.002218 s, pong at 0.002261 s.
 */
const CASES = [
  { file: 'chromium-ws-plain.pcap', pingFrom: 'server-to-client', latencyMs: 66.877 - 65.722 },
  { file: 'python-websockets-plain-sll2.pcap', pingFrom: 'client-to-server', latencyMs: 2.261 - 2.218 },
];

describe('pairCapturedPings()', () => {
  for (const c of CASES) {
    it(`pairs the ping and pong of ${c.file} with tshark's round-trip time`, () => {
      const conn = importCapture(c.file, fixture(c.file)).connections[0]!;
      const notes = [...pairCapturedPings(conn.frames)];
      expect(notes).toHaveLength(2);
      const [[pingAt, pingNote], [pongAt, pongNote]] = notes as [[number, unknown], [number, unknown]];
      expect(conn.frames[pingAt]!.direction).toBe(c.pingFrom);
      expect(pingNote).toMatchObject({ kind: 'ping', pong: pongAt });
      expect(pongNote).toMatchObject({ kind: 'pong', ping: pingAt, payloadMatches: true });
      expect((pongNote as { latencyMs: number }).latencyMs).toBeCloseTo(c.latencyMs, 3);
    });
  }
});
