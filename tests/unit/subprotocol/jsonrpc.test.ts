import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { interpretMessages, type WsMessage } from '../../../src/subprotocol';
import { jsonrpc } from '../../../src/subprotocol/jsonrpc';
import { arbitraryMessages, captureInputs, fixtureLog } from './fixtures';

const [input] = captureInputs('jsonrpc/jsonrpc.pcapng');
const { log } = fixtureLog<{ log: { side: 'client' | 'server'; text: string }[] }>(
  'jsonrpc/jsonrpc.pcapng.log.json',
);

/** The type the JSON-RPC 2.0 specification gives an object (§4, §4.1, §5). */
const specType = (o: Record<string, unknown>) =>
  'method' in o ? ('id' in o ? 'request' : 'notification') : 'error' in o ? 'error' : 'response';

describe('jsonrpc decoder on json-rpc-2.0 traffic over ws (tests/fixtures/subprotocol/jsonrpc)', () => {
  const result = interpretMessages(input!);

  it('is sniffed from the payloads', () => {
    expect(result.protocol).toMatchObject({ id: 'jsonrpc', how: 'sniffed' });
  });

  it('decodes every object each side sent, batches item by item, in order per direction', () => {
    for (const [side, direction] of [
      ['client', 'c2s'],
      ['server', 's2c'],
    ] as const) {
      const sent = log
        .filter((e) => e.side === side)
        .flatMap((e) => {
          const v = JSON.parse(e.text) as Record<string, unknown> | Record<string, unknown>[];
          return Array.isArray(v) ? v : [v];
        });
      const units = result.units.filter((u) => u.direction === direction);
      expect(units.map((u) => u.type)).toEqual(sent.map(specType));
      units.forEach((u, i) => {
        const field = (n: string) => u.fields.find((f) => f.name === n)?.value;
        expect(field('id') ?? null).toEqual(sent[i]!.id ?? null);
        expect(field('method') ?? null).toEqual(sent[i]!.method ?? null);
      });
    }
  });

  it('flags the one request json-rpc-2.0 sent with "params": null, which §4.2 forbids', () => {
    const flagged = result.units.filter((u) => u.problems.length > 0);
    expect(flagged.map((u) => u.summary)).toEqual(['request askBack, id 5']);
    expect(log.some((e) => e.side === 'client' && e.text.includes('"params":null'))).toBe(true);
  });

  it('pairs each response and error with the request of the same id from the other side', () => {
    const answers = result.units.filter((u) => u.type === 'response' || u.type === 'error');
    expect(answers).toHaveLength(9);
    for (const a of answers) {
      const request = result.units[a.replyTo!]!;
      expect(request.type).toBe('request');
      expect(request.direction).not.toBe(a.direction);
      expect(request.fields.find((f) => f.name === 'id')!.value).toBe(
        a.fields.find((f) => f.name === 'id')!.value,
      );
    }
  });
});

const text = (direction: WsMessage['direction'], s: string): WsMessage => ({
  direction,
  opcode: 1,
  data: new TextEncoder().encode(s),
});

describe('jsonrpc.decode()', () => {
  it('names what breaks JSON-RPC 2.0', () => {
    const units = jsonrpc.decode([
      text('c2s', '{"jsonrpc":"1.0","id":1,"method":"a"}'),
      text('c2s', '[]'),
      text('c2s', '{"jsonrpc":"2.0","id":{},"method":"rpc.x"}'),
      text('s2c', '{"jsonrpc":"2.0","id":1,"result":1,"error":{"code":1,"message":"m"}}'),
      text('s2c', '{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error"}}'),
      text('s2c', '{"jsonrpc":"2.0"'),
    ]);
    expect(units.map((u) => [u.type, u.problems.length])).toEqual([
      ['request', 1],
      ['invalid', 1],
      ['request', 2],
      ['error', 1],
      ['error', 0],
      ['invalid', 1],
    ]);
    expect(units[4]!.summary).toBe('error id null: -32700 "Parse error"');
    expect(units[4]!.replyTo).toBeUndefined();
    expect(units[3]!.replyTo).toBe(0);
  });

  it('never throws on arbitrary messages', () => {
    const jsonish = fc
      .oneof(
        fc.jsonValue(),
        fc.record(
          { jsonrpc: fc.constant('2.0'), id: fc.jsonValue(), method: fc.jsonValue(), result: fc.jsonValue() },
          { requiredKeys: [] },
        ),
      )
      .map((v) => new TextEncoder().encode(JSON.stringify(v)));
    fc.assert(
      fc.property(arbitraryMessages(fc.oneof(jsonish, fc.uint8Array({ maxLength: 30 }))), (messages) => {
        jsonrpc.decode(messages);
        jsonrpc.sniff(messages);
      }),
      { numRuns: 300 },
    );
  });
});
