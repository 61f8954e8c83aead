import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonField, jsonValue, parseJson } from '../../../src/subprotocol/json';
import { Pairing } from '../../../src/subprotocol/pairing';
import { utf8Length } from '../../../src/subprotocol/text';
import type { Unit, WsMessage } from '../../../src/subprotocol/types';

const enc = new TextEncoder();

describe('parseJson()', () => {
  it('gives every value its byte span, counting UTF-8 bytes', () => {
    const bytes = enc.encode('[ "é€", {"k": 12.5e1, "n": null}, true ]');
    const r = parseJson(bytes);
    expect(r.ok).toBe(true);
    if (!r.ok || r.node.kind !== 'array') return;
    const [s, o, t] = r.node.items;
    expect(s).toMatchObject({ kind: 'string', value: 'é€', start: 2, end: 9 });
    expect(o).toMatchObject({ kind: 'object', start: 11 });
    if (o?.kind !== 'object') return;
    expect(o.members[0]).toMatchObject({ key: 'k', keyStart: 12, keyEnd: 15 });
    expect(o.members[0]?.value).toMatchObject({ value: 125, start: 17, end: 23 });
    expect(t).toMatchObject({ value: true, start: 37, end: 41 });
    expect(jsonField('x', r.node, 4).children?.[1]?.children?.[0]).toMatchObject({
      name: 'k',
      value: 125,
      span: { message: 4, start: 17, end: 23 },
    });
  });

  it('reports where bad JSON goes wrong', () => {
    expect(parseJson(enc.encode('{"a" 1}'))).toEqual({ ok: false, error: '":" was expected', offset: 5 });
    expect(parseJson(enc.encode('[1,]'))).toMatchObject({ ok: false, offset: 3 });
    expect(parseJson(enc.encode('"abc'))).toMatchObject({ ok: false, offset: 0 });
    expect(parseJson(enc.encode('01'))).toMatchObject({ ok: false });
    expect(parseJson(enc.encode('[1] x'))).toMatchObject({ ok: false, offset: 4 });
    expect(parseJson(enc.encode('['.repeat(100000)))).toMatchObject({ ok: false });
  });

  it('agrees with JSON.parse on any JSON value, with spans that slice back to the same value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), (value, pretty) => {
        const text = JSON.stringify(value, null, pretty ? 2 : undefined);
        const bytes = enc.encode(text);
        const r = parseJson(bytes);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        expect(jsonValue(r.node)).toEqual(JSON.parse(text));
        if (r.node.kind === 'array')
          for (const item of r.node.items) {
            const slice = new TextDecoder().decode(bytes.subarray(item.start, item.end));
            expect(JSON.parse(slice)).toEqual(jsonValue(item));
          }
      }),
    );
  });

  it('agrees with JSON.parse about validity on arbitrary text and never throws on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'[]{}",:0123456789.eE-+ tfrueanl\\x') }), (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        expect(parseJson(enc.encode(text)).ok).toBe(valid);
      }),
      { numRuns: 1000 },
    );
    fc.assert(fc.property(fc.uint8Array(), (bytes) => void parseJson(bytes)));
  });
});

describe('utf8Length()', () => {
  it('agrees with TextEncoder', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.oneof(
            fc.constant('\ud800'),
            fc.constant('\udc00'),
            fc.string({ unit: 'grapheme', maxLength: 1 }),
          ),
        }),
        (s) => {
          expect(utf8Length(s)).toBe(enc.encode(s).length);
        },
      ),
    );
  });
});

describe('Pairing', () => {
  it('links a reply to its request with the latency between their last messages', () => {
    const messages: WsMessage[] = [0, 1.5, 4.25].map((time, i) => ({
      direction: i === 2 ? 's2c' : 'c2s',
      opcode: 1,
      data: new Uint8Array(),
      time,
    }));
    const unit = (m: number[]): Unit => ({
      direction: 'c2s',
      type: 't',
      summary: '',
      messages: m,
      fields: [],
      problems: [],
    });
    const units = [unit([0, 1]), unit([2])];
    const pairs = new Pairing(messages, units);
    pairs.open('a', 0);
    expect(pairs.answer('b', 1)).toBeUndefined();
    expect(pairs.answer('a', 1)).toBe(0);
    expect(units[1]).toMatchObject({ replyTo: 0, latencyMs: 2.75 });
    expect(pairs.has('a')).toBe(false);
  });
});
