/**
 * Python's websockets 10.4 as a second peer: streams its Frame.serialize wrote (client side masked, server side
 * not), made by tests/fixtures/peer-python/make-fixtures.py with Debian's /usr/bin/python3, read by our receiver.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createReceiver, parseHex, type Role } from '../../../src/codec/index';
import { oneByteAtATime, pushCut, summary } from './wire';

const DIR = new URL('../../fixtures/peer-python/', import.meta.url);
const streams = readdirSync(DIR)
  .filter((f) => f.endsWith('.hex'))
  .map((f) => f.slice(0, -'.hex'.length))
  .sort();

describe('frames written by Python websockets 10.4, read by createReceiver', () => {
  it('has both sides of every stream', () => {
    expect(streams.length).toBeGreaterThanOrEqual(12);
  });

  it.each(streams)('%s', (name) => {
    const parsed = parseHex(readFileSync(new URL(`${name}.hex`, DIR), 'utf8'));
    if (!parsed.ok) throw new Error(parsed.error);
    const { role, events } = JSON.parse(readFileSync(new URL(`${name}.json`, DIR), 'utf8')) as {
      role: Role;
      events: string[];
    };
    expect(summary(createReceiver({ role }).push(parsed.bytes))).toEqual(events);
    expect(summary(oneByteAtATime(createReceiver({ role }), parsed.bytes))).toEqual(events);
    expect(summary(pushCut(createReceiver({ role }), parsed.bytes, [3, 1_000, 1_500]))).toEqual(events);
  });
});
