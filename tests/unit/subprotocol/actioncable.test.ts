import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { actionCableDecoder } from '../../../src/subprotocol/actioncable';
import { arbitraryMessages } from './fixtures';
import { loadFixture, logged } from './fixture';

const enc = new TextEncoder();

describe('actionCableDecoder on @rails/actioncable consumer traffic', () => {
  const fixture = loadFixture('actioncable/actioncable-js.pcapng');
  const units = actionCableDecoder.decode(fixture.messages);

  it('was negotiated as actioncable-v1-json and is sniffed as it', () => {
    expect(actionCableDecoder.subprotocols).toContain(fixture.subprotocol);
    expect(actionCableDecoder.sniff(fixture.messages)).toBeGreaterThan(0.5);
  });

  it('names every message by its command (client) or type (server), broadcasts as message, without problems', () => {
    for (const direction of ['c2s', 's2c'] as const) {
      const expected = logged(fixture, direction).map((m) => {
        const json = JSON.parse(m.text!) as { command?: string; type?: string };
        return json.command ?? json.type ?? 'message';
      });
      expect(units.filter((u) => u.direction === direction).map((u) => u.type)).toEqual(expected);
    }
    expect(units.flatMap((u) => u.problems)).toEqual([]);
  });

  it('pairs confirmations, rejections and broadcasts with the subscription of their identifier', () => {
    const pairs = units
      .filter((u) => u.replyTo !== undefined)
      .map((u) => [u.type, units[u.replyTo!]?.type, units[u.replyTo!]?.summary]);
    expect(pairs).toEqual([
      ['confirm_subscription', 'subscribe', 'subscribe ChatChannel'],
      ['reject_subscription', 'subscribe', 'subscribe SecretChannel'],
      ['message', 'subscribe', 'subscribe ChatChannel'],
    ]);
  });
});

describe('actionCableDecoder', () => {
  it('says what is not Action Cable', () => {
    const units = actionCableDecoder.decode([
      { direction: 's2c', opcode: 1, data: enc.encode('{"identifier":"x"}') },
      { direction: 'c2s', opcode: 1, data: enc.encode('{"command":"message","identifier":"{}","data":{}}') },
      { direction: 's2c', opcode: 1, data: enc.encode('{"type":"subscribe","identifier":"{}"}') },
    ]);
    expect(units.map((u) => u.problems)).toEqual([
      ['byte 0: no string "type" member (actioncable-v1-json)'],
      ['the message command carries its data as a JSON string in "data" (actioncable-v1-json)'],
      ['"subscribe" is sent by the client, not the server (actioncable-v1-json)'],
    ]);
  });

  it('never throws on random bytes', () => {
    fc.assert(
      fc.property(
        arbitraryMessages(
          fc.oneof(
            fc.uint8Array({ maxLength: 60 }),
            fc.json().map((j) => enc.encode(j)),
          ),
        ),
        (messages) => void actionCableDecoder.decode(messages),
      ),
    );
  });
});
