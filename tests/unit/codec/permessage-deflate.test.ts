import { readFileSync } from 'node:fs';
import { deflateRawSync, inflateRawSync, constants as zlibConstants } from 'node:zlib';
import fc from 'fast-check';
import { Deflate, Inflate, Z_SYNC_FLUSH } from 'pako';
import { describe, expect, it } from 'vitest';
import { DEFLATE_TRAILER, createDeflater, createInflater } from '../../../src/codec/permessage-deflate';
import type { InflateResult, MessageInflater, PermessageDeflateParams } from '../../../src/codec/types';

const hex = (text: string) => Uint8Array.from(text.trim().split(/\s+/), (b) => parseInt(b, 16));
const toHex = (bytes: Uint8Array) =>
  Buffer.from(bytes)
    .toString('hex')
    .replace(/(..)(?!$)/g, '$1 ');
const utf8 = (text: string) => new TextEncoder().encode(text);
const MiB = 1024 * 1024;

function text(result: InflateResult): string {
  if (!result.ok) throw new Error(`inflate failed: ${JSON.stringify(result)}`);
  return new TextDecoder().decode(result.data);
}

/** Inflates one message given as frame payloads, concatenating what each frame yields. */
function inflateFrames(inflater: MessageInflater, frames: Uint8Array[], limit = MiB): InflateResult {
  const parts: Uint8Array[] = [];
  for (const [i, frame] of frames.entries()) {
    const result = inflater.inflate(frame, i === frames.length - 1, limit);
    if (!result.ok) return result;
    parts.push(result.data);
  }
  return { ok: true, data: Buffer.concat(parts) };
}

describe('pako (the version this module relies on)', () => {
  it('is pako 3, whose streaming sync flush returns output at once', () => {
    const pkg = JSON.parse(readFileSync('node_modules/pako/package.json', 'utf8')) as { version: string };
    expect(pkg.version).toMatch(/^3\./);
    // pako 2 held sync-flushed output back until 64 KiB piled up; permessage-deflate needs it per message.
    const chunks: Uint8Array[] = [];
    const deflate = new Deflate({ raw: true });
    deflate.onData = (chunk) => chunks.push(chunk);
    deflate.push(utf8('Hello'), Z_SYNC_FLUSH);
    expect(toHex(Buffer.concat(chunks))).toBe('f2 48 cd c9 c9 07 00 00 00 ff ff');
    deflate.push(utf8('Hello'), Z_SYNC_FLUSH);
    expect(toHex(Buffer.concat(chunks))).toBe('f2 48 cd c9 c9 07 00 00 00 ff ff f2 00 11 00 00 00 00 ff ff');

    const inflated: Uint8Array[] = [];
    const inflate = new Inflate({ raw: true });
    inflate.onData = (chunk) => inflated.push(chunk);
    inflate.push(hex('f2 48 cd c9 c9 07 00 00 00 ff ff'), Z_SYNC_FLUSH);
    expect(Buffer.concat(inflated).toString()).toBe('Hello');
  });
});

describe('createInflater() on the RFC 7692 §7.2.3 examples', () => {
  it('§7.2.3.1: "Hello" in one compressed block, whole and fragmented', () => {
    expect(text(createInflater({}, 'client').inflate(hex('f2 48 cd c9 c9 07 00'), true, MiB))).toBe('Hello');
    expect(text(inflateFrames(createInflater({}, 'client'), [hex('f2 48 cd'), hex('c9 c9 07 00')]))).toBe(
      'Hello',
    );
  });

  it('§7.2.3.2: a second "Hello" that refers to the first (context takeover)', () => {
    const inflater = createInflater({}, 'client');
    expect(text(inflater.inflate(hex('f2 48 cd c9 c9 07 00'), true, MiB))).toBe('Hello');
    expect(text(inflater.inflate(hex('f2 00 11 00 00'), true, MiB))).toBe('Hello');
  });

  it('§7.2.3.2: the same second message fails without context takeover, as the window is empty', () => {
    const inflater = createInflater({ serverNoContextTakeover: true }, 'client');
    expect(text(inflater.inflate(hex('f2 48 cd c9 c9 07 00'), true, MiB))).toBe('Hello');
    expect(inflater.inflate(hex('f2 00 11 00 00'), true, MiB)).toEqual({
      ok: false,
      tooBig: false,
      reason: 'invalid DEFLATE data: invalid distance too far back',
    });
  });

  it('§7.2.3.3: "Hello" in a stored block (no compression)', () => {
    expect(
      text(createInflater({}, 'client').inflate(hex('00 05 00 fa ff 48 65 6c 6c 6f 00'), true, MiB)),
    ).toBe('Hello');
  });

  it('§7.2.3.4: "Hello" in a BFINAL block leaves the inflater finished; the next message still inflates', () => {
    const inflater = createInflater({}, 'client');
    expect(text(inflater.inflate(hex('f3 48 cd c9 c9 07 00 00'), true, MiB))).toBe('Hello');
    expect(text(inflater.inflate(hex('f2 48 cd c9 c9 07 00'), true, MiB))).toBe('Hello');
  });

  it('§7.2.3.5: "Hello" in two DEFLATE blocks', () => {
    const payload = hex('f2 48 05 00 00 00 ff ff ca c9 c9 07 00');
    expect(text(createInflater({}, 'client').inflate(payload, true, MiB))).toBe('Hello');
  });

  it('returns each frame its own part of the message and leaves the payload untouched', () => {
    const payload = hex('f2 48 cd c9 c9 07 00');
    const copy = payload.slice();
    const inflater = createInflater({}, 'server');
    const first = inflater.inflate(payload.subarray(0, 3), false, MiB);
    const second = inflater.inflate(payload.subarray(3), true, MiB);
    expect(first.ok && second.ok && Buffer.concat([first.data, second.data]).toString()).toBe('Hello');
    expect(payload).toEqual(copy);
  });

  it('reports bad data instead of throwing, then accepts the next message', () => {
    const inflater = createInflater({}, 'server');
    expect(inflater.inflate(hex('ff ff ff'), true, MiB)).toEqual({
      ok: false,
      tooBig: false,
      reason: expect.stringContaining('invalid DEFLATE data'),
    });
    expect(text(inflater.inflate(hex('f2 48 cd c9 c9 07 00'), true, MiB))).toBe('Hello');
  });

  it('uses the peer\u2019s window: with client_max_window_bits=8 a server cannot reach 300 bytes back', () => {
    const first = utf8('abcdefghijklmnopqrstuvwxyz' + '.'.repeat(300));
    const second = utf8('abcdefghijklmnopqrstuvwxyz');
    const deflater = createDeflater({}, 'client');
    const payloads = [deflater.deflate(first), deflater.deflate(second)];
    const wide = createInflater({ clientMaxWindowBits: 15 }, 'server');
    expect(payloads.map((p) => text(wide.inflate(p, true, MiB)))).toEqual([
      new TextDecoder().decode(first),
      'abcdefghijklmnopqrstuvwxyz',
    ]);
    const narrow = createInflater({ clientMaxWindowBits: 8 }, 'server');
    expect(narrow.inflate(payloads[0]!, true, MiB).ok).toBe(true);
    expect(narrow.inflate(payloads[1]!, true, MiB)).toEqual({
      ok: false,
      tooBig: false,
      reason: 'invalid DEFLATE data: invalid distance too far back',
    });
    // A client reads server_max_window_bits instead, which is still the default 15.
    const client = createInflater({ clientMaxWindowBits: 8 }, 'client');
    expect(payloads.every((p) => client.inflate(p, true, MiB).ok)).toBe(true);
  });
});

describe('createInflater() against a zip bomb', () => {
  // 100 MB of zeros deflate to about 100 KB.
  const bomb = deflateRawSync(Buffer.alloc(100 * 1000 * 1000), {
    finishFlush: zlibConstants.Z_SYNC_FLUSH,
  }).subarray(0, -4);

  it('stops at a 1 MiB limit, having inflated at most one buffer more', () => {
    expect(bomb.length).toBeLessThan(200_000);
    const result = createInflater({}, 'server').inflate(bomb, true, MiB);
    expect(result).toEqual({ ok: false, tooBig: true, size: expect.any(Number) });
    expect(!result.ok && result.tooBig && result.size).toBeGreaterThan(MiB);
    expect(!result.ok && result.tooBig && result.size).toBeLessThanOrEqual(MiB + 32 * 1024);
  });

  it('bounds each call by the limit it is given, so a receiver can pass what is left of its budget', () => {
    const inflater = createInflater({}, 'server');
    const frames = [bomb.subarray(0, 300), bomb.subarray(300, 600), bomb.subarray(600)];
    let inflated = 0;
    const results = frames.map((frame, i) => {
      const result = inflater.inflate(frame, i === 2, MiB - inflated);
      if (result.ok) inflated += result.data.length;
      return result;
    });
    expect(results.slice(0, 2).map((r) => r.ok)).toEqual([true, true]);
    expect(inflated).toBeGreaterThan(100_000);
    expect(results[2]).toEqual({ ok: false, tooBig: true, size: expect.any(Number) });
    const size = !results[2]!.ok && results[2]!.tooBig ? results[2]!.size : 0;
    expect(inflated + size).toBeGreaterThan(MiB);
    expect(inflated + size).toBeLessThanOrEqual(MiB + 32 * 1024);
  });

  it('starts from zero at each call', () => {
    const deflater = createDeflater({}, 'client');
    const inflater = createInflater({}, 'server');
    const message = new Uint8Array(700 * 1024);
    for (let i = 0; i < 3; i++) {
      const result = inflater.inflate(deflater.deflate(message), true, MiB);
      expect(result.ok && result.data.length).toBe(message.length);
    }
  });
});

describe('createDeflater()', () => {
  it('produces the RFC 7692 §7.2.3.1 and §7.2.3.2 bytes', () => {
    const deflater = createDeflater({}, 'server');
    expect(toHex(deflater.deflate(utf8('Hello')))).toBe('f2 48 cd c9 c9 07 00');
    expect(toHex(deflater.deflate(utf8('Hello')))).toBe('f2 00 11 00 00');
  });

  it('starts each message afresh without context takeover, per the sender\u2019s own parameter', () => {
    const server = createDeflater({ serverNoContextTakeover: true }, 'server');
    expect(toHex(server.deflate(utf8('Hello')))).toBe('f2 48 cd c9 c9 07 00');
    expect(toHex(server.deflate(utf8('Hello')))).toBe('f2 48 cd c9 c9 07 00');
    const client = createDeflater({ serverNoContextTakeover: true }, 'client');
    client.deflate(utf8('Hello'));
    expect(toHex(client.deflate(utf8('Hello')))).toBe('f2 00 11 00 00');
  });

  it('compresses an empty message to 00, first or later', () => {
    const deflater = createDeflater({}, 'client');
    expect(toHex(deflater.deflate(new Uint8Array()))).toBe('00');
    deflater.deflate(utf8('Hello'));
    expect(toHex(deflater.deflate(new Uint8Array()))).toBe('00');
    const inflater = createInflater({}, 'server');
    expect(text(inflater.inflate(hex('00'), true, MiB))).toBe('');
  });

  it('compresses with an 8-bit window (zlib uses 9) into data an 8-bit inflater reads', () => {
    const deflater = createDeflater({ clientMaxWindowBits: 8 }, 'client');
    const inflater = createInflater({ clientMaxWindowBits: 8 }, 'server');
    const message = utf8('0123456789abcdef'.repeat(4) + '.'.repeat(200) + '0123456789abcdef'.repeat(40));
    for (let i = 0; i < 3; i++) {
      const result = inflater.inflate(deflater.deflate(message), true, MiB);
      expect(result.ok && Buffer.from(result.data).equals(message)).toBe(true);
    }
  });

  it('does not modify the message', () => {
    const message = utf8('Hello Hello Hello');
    const copy = message.slice();
    createDeflater({}, 'client').deflate(message);
    expect(message).toEqual(copy);
  });
});

describe('round trips (fast-check)', () => {
  const params = fc.record(
    {
      serverNoContextTakeover: fc.boolean(),
      clientNoContextTakeover: fc.boolean(),
      serverMaxWindowBits: fc.integer({ min: 8, max: 15 }),
      clientMaxWindowBits: fc.integer({ min: 8, max: 15 }),
    },
    { requiredKeys: [] },
  ) as fc.Arbitrary<PermessageDeflateParams>;
  const message = fc.oneof(
    fc.uint8Array({ maxLength: 3000 }),
    fc.string({ maxLength: 2000 }).map(utf8),
    fc.tuple(fc.string({ minLength: 1, maxLength: 20 }), fc.nat(3000)).map(([s, n]) => utf8(s.repeat(n))),
  );
  const role = fc.constantFrom('client' as const, 'server' as const);

  it('our inflater reads what our deflater wrote, message after message, in any fragmentation', () => {
    fc.assert(
      fc.property(
        params,
        role,
        fc.array(fc.tuple(message, fc.array(fc.nat(), { maxLength: 3 })), { maxLength: 6 }),
        (p, sender, messages) => {
          const deflater = createDeflater(p, sender);
          const inflater = createInflater(p, sender === 'client' ? 'server' : 'client');
          for (const [original, cuts] of messages) {
            const compressed = deflater.deflate(original);
            const points = [...new Set(cuts.map((c) => c % (compressed.length + 1)))].sort((a, b) => a - b);
            const frames = [0, ...points].map((start, i) =>
              compressed.subarray(start, [...points, compressed.length][i]),
            );
            const result = inflateFrames(inflater, frames, 64 * MiB);
            expect(result.ok && Buffer.from(result.data).equals(original)).toBe(true);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('Node\u2019s zlib reads our stream: each message plus 00 00 ff ff, concatenated, is one raw DEFLATE stream', () => {
    fc.assert(
      fc.property(params, fc.array(message, { minLength: 1, maxLength: 6 }), (p, messages) => {
        const deflater = createDeflater(p, 'server');
        const stream = Buffer.concat(messages.flatMap((m) => [deflater.deflate(m), DEFLATE_TRAILER]));
        const windowBits = Math.max(9, p.serverMaxWindowBits ?? 15);
        const inflated = inflateRawSync(stream, { windowBits, finishFlush: zlibConstants.Z_SYNC_FLUSH });
        expect(inflated.equals(Buffer.concat(messages))).toBe(true);
        if (p.serverNoContextTakeover) {
          // Without context takeover each message stands alone.
          const last = createDeflater(p, 'server');
          messages.slice(0, -1).forEach((m) => last.deflate(m));
          const alone = Buffer.concat([last.deflate(messages.at(-1)!), DEFLATE_TRAILER]);
          expect(
            inflateRawSync(alone, { finishFlush: zlibConstants.Z_SYNC_FLUSH }).equals(messages.at(-1)!),
          ).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('our inflater reads Node\u2019s zlib, sync-flushed and with a final block', () => {
    fc.assert(
      fc.property(message, fc.boolean(), (original, final) => {
        const options = { finishFlush: final ? zlibConstants.Z_FINISH : zlibConstants.Z_SYNC_FLUSH };
        const raw = deflateRawSync(original, options);
        const payload = final ? raw : raw.subarray(0, -4);
        const inflater = createInflater({}, 'client');
        const result = inflater.inflate(payload, true, 64 * MiB);
        expect(result.ok && Buffer.from(result.data).equals(original)).toBe(true);
        // The inflater is usable afterwards either way.
        expect(text(inflater.inflate(hex('f2 48 cd c9 c9 07 00'), true, MiB))).toBe('Hello');
      }),
      { numRuns: 100 },
    );
  });
});
