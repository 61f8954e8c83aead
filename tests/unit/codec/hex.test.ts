import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asciiColumn, formatHexDump, parseHex, toHex } from '../../../src/codec/index';

const FIXTURES = new URL('../../fixtures/hex/', import.meta.url);
const fixture = (name: string) => readFileSync(new URL(name, FIXTURES), 'utf8');
const bin = (name: string) => new Uint8Array(readFileSync(new URL(name, FIXTURES)));

function bytesOf(text: string): Uint8Array {
  const r = parseHex(text);
  if (!r.ok) throw new Error(`parseHex failed: ${r.error} at ${r.line}:${r.column}`);
  return r.bytes;
}

function errorOf(text: string) {
  const r = parseHex(text);
  if (r.ok) throw new Error(`expected an error, got ${toHex(r.bytes)} (${r.format})`);
  return r;
}

const HELLO = [0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f];

describe('parseHex() plain hex', () => {
  it.each([
    ['81 05 48 65 6c 6c 6f'],
    ['8105 4865 6c6c 6f'],
    ['810548656C6C6F'],
    ['81,05,48,65,6c,6c,6f'],
    ['81:05:48:65:6c:6c:6f'],
    ['0x81 0x05 0x48 0x65 0x6C 0x6C 0x6F'],
    ['0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f'],
    ['\\x81\\x05\\x48\\x65\\x6c\\x6c\\x6f'],
    ['"\\x81\\x05\\x48\\x65\\x6c\\x6c\\x6f"'],
    ['81 05   # FIN + text, length 5\n48 65 6c 6c 6f // Hello\r\n'],
    ['  81 05\n\n\t48 65\r\n6c 6c 6f  '],
    ['81\u00a005\u00a048\u202f65\u20096c 6c 6f'],
  ])('reads %j as the "Hello" frame', (text) => {
    const r = parseHex(text);
    expect(r).toMatchObject({ ok: true, format: 'hex' });
    expect([...bytesOf(text)]).toEqual(HELLO);
  });

  it('reads the masked "Hello" of RFC 6455 §5.7', () => {
    expect(toHex(bytesOf('81 85 37 fa 21 3d 7f 9f 4d 51 58'))).toBe('81 85 37 fa 21 3d 7f 9f 4d 51 58');
  });

  it('gives zero bytes and format "empty" for empty or blank input', () => {
    expect(parseHex('')).toEqual({ ok: true, bytes: new Uint8Array(0), format: 'empty' });
    expect(parseHex(' \n, \t')).toMatchObject({ ok: true, format: 'empty' });
  });

  it('reports an odd digit count with the line and column of the token', () => {
    expect(errorOf('81 5')).toMatchObject({ line: 1, column: 4 });
    expect(errorOf('81 05\n48 65 6c6 6f')).toMatchObject({ line: 2, column: 7 });
    expect(errorOf('810548656c6c6')).toMatchObject({ line: 1, column: 1 });
    expect(errorOf('81 0x5').error).toMatch(/0x5.*two/);
    expect(errorOf('81 5').error).toMatch(/1 hex digit/);
  });

  it('reports a non-hex character where it is', () => {
    expect(errorOf('81 05 4g')).toMatchObject({ line: 1, column: 8 });
    expect(errorOf('81 05\n  zz')).toMatchObject({ line: 2, column: 3 });
    expect(errorOf('0x')).toMatchObject({ line: 1, column: 1 });
  });

  it('never reads a bare number as decimal outside an array literal', () => {
    expect(toHex(bytesOf('10 20'))).toBe('10 20');
  });
});

describe('parseHex() array literals', () => {
  it.each([
    ['{0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f}'],
    ['unsigned char frame[] = { 0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f };'],
    ['uint8_t frame[7] = {0x81,0x05,0x48,0x65,0x6C,0x6C,0x6F};'],
    ['[129, 5, 72, 101, 108, 108, 111]'],
    ['new Uint8Array([0x81, 5, 72, 101, 0x6c, 0x6c, 0x6f])'],
    ['const f = Buffer.from([\n  0x81, 0x05, // header\n  0x48, 0x65, 0x6c, 0x6c, 0x6f, /* Hello */\n]);'],
    ['bytes([0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f])'],
  ])('reads %j', (text) => {
    expect(parseHex(text)).toMatchObject({ ok: true, format: 'array' });
    expect([...bytesOf(text)]).toEqual(HELLO);
  });

  it('reads bare numbers inside an array as decimal, as the language does', () => {
    expect([...bytesOf('[81, 05]')]).toEqual([81, 5]);
  });

  it('refuses elements that are not bytes, with their position', () => {
    expect(errorOf('[0x81, 256]')).toMatchObject({ line: 1, column: 8 });
    expect(errorOf('{0x81, 0x100}').error).toMatch(/does not fit/);
    expect(errorOf('[0x81, -1]').error).toMatch(/not a byte/);
    expect(errorOf('[0x81, "a"]').error).toMatch(/not a byte/);
    expect(errorOf('[0x81,, 5]')).toMatchObject({ line: 1, column: 7 });
    expect(errorOf('[0x81, 5').error).toMatch(/never closed/);
    expect(errorOf('[[1, 2]]').error).toMatch(/nested/);
    expect(errorOf('[1, 2] [3]').error).toMatch(/more than one/);
  });
});

describe('parseHex() real tool output (tests/fixtures/hex, made by make-fixtures.sh)', () => {
  const sample = bin('sample.bin');
  it.each([
    ['sample.xxd.txt', 'xxd'],
    ['sample.xxd-g1.txt', 'xxd'],
    ['sample.xxd-p.txt', 'hex'],
    ['sample.xxd-i.txt', 'array'],
    ['sample.hexdump-C.txt', 'hexdump -C'],
    ['sample.od-x1z.txt', 'od'],
    ['sample.od-t-x1.txt', 'od'],
  ])(
    '%s gives back sample.bin exactly (ASCII column "dead beef", "ab", "|>|<" and "*" rows)',
    (name, format) => {
      const r = parseHex(fixture(name));
      expect(r).toMatchObject({ ok: true, format });
      expect(toHex(bytesOf(fixture(name)))).toBe(toHex(sample));
    },
  );

  it.each(['xxd', 'xxd-g1', 'hexdump-C', 'od-x1z', 'od-t-x1', 'xxd-p', 'xxd-i'])(
    'short.%s.txt (one short row whose ASCII column is "ab") gives 81 02 61 62',
    (tool) => {
      expect(toHex(bytesOf(fixture(`short.${tool}.txt`)))).toBe('81 02 61 62');
    },
  );

  it.each(['sample', 'short'])(
    '%s.tshark-x.txt gives the whole captured frame, WebSocket bytes after 54 bytes of headers',
    (base) => {
      const r = parseHex(fixture(`${base}.tshark-x.txt`));
      expect(r).toMatchObject({ ok: true, format: 'wireshark' });
      const bytes = bytesOf(fixture(`${base}.tshark-x.txt`));
      expect(bytes.length).toBe(Number(fixture(`${base}.frame-len.txt`).trim()));
      const ws = bin(`${base}.bin`);
      expect(toHex(bytes.subarray(54, 54 + ws.length))).toBe(toHex(ws));
    },
  );

  it('two-packets.tshark-x.txt: each packet block restarts at 0000 and the blocks are concatenated', () => {
    const bytes = bytesOf(fixture('two-packets.tshark-x.txt'));
    expect(bytes.length).toBe(120);
    expect(toHex(bytes.subarray(54, 58))).toBe('81 02 61 62');
    expect(toHex(bytes.subarray(60 + 54, 60 + 58))).toBe('81 02 61 62');
  });

  it.each(['xxd', 'xxd-g1', 'hexdump-C', 'od-x1z', 'od-t-x1', 'xxd-p', 'xxd-i'])(
    'random.%s.txt (8 KiB of random bytes: ASCII columns full of hex-looking text) gives back random.bin',
    (tool) => {
      expect(toHex(bytesOf(fixture(`random.${tool}.txt`)))).toBe(toHex(bin('random.bin')));
    },
  );

  it('random.tshark-x.txt carries random.bin after the 54 bytes of Ethernet, IPv4 and TCP headers', () => {
    const bytes = bytesOf(fixture('random.tshark-x.txt'));
    const ws = bin('random.bin');
    expect(toHex(bytes.subarray(54, 54 + ws.length))).toBe(toHex(ws));
  });

  it('refuses plain `hexdump` (2-byte words in machine order) instead of swapping bytes silently', () => {
    expect(errorOf(fixture('short.hexdump-words.txt')).error).toMatch(/hexdump -C/);
  });
});

describe('parseHex() hand-made dumps', () => {
  it('reads a dump copied from a web page, with no-break spaces', () => {
    const row = '0000\u00a0\u00a081 05 48 65 6c 6c 6f\u00a0\u00a0\u00a0..Hello';
    expect(toHex(bytesOf(row))).toBe(toHex(Uint8Array.from(HELLO)));
  });

  it('reads Wireshark "Copy as Hex Dump" (3 spaces after the offset)', () => {
    expect(toHex(bytesOf('0000   81 05 48 65 6c 6c 6f                              ..Hello\n'))).toBe(
      toHex(Uint8Array.from(HELLO)),
    );
  });

  it('keeps an ASCII column that spells hex out of the bytes, even with collapsed spaces', () => {
    const row0 = '64 65 61 64 20 62 65 65 66 20 61 62 20 20 20 20';
    expect(toHex(bytesOf(`0000  ${row0}   dead beef ab    \n0010  61 62   ab`))).toBe(`${row0} 61 62`);
    expect(toHex(bytesOf(`0000 ${row0} dead beef ab\n0010 61 62 ab`))).toBe(`${row0} 61 62`);
    expect(toHex(bytesOf('00000000: 6162  ab'))).toBe('61 62');
    const spaced = '0000 61 20 62 20 61 62 20 63 64 65 66 20 31 32 20 61 a b ab cdef 12 a\n0010 62 20 63 b c';
    expect(toHex(bytesOf(spaced))).toBe('61 20 62 20 61 62 20 63 64 65 66 20 31 32 20 61 62 20 63');
    // A full xxd row is followed by only 2 spaces; its ASCII column may start with a lone hex digit.
    const xxdRow = '00000000: 3020 234c 50bb 7ec5 abfa 206b 39c6 daaa  0 #LP.~... k9...';
    expect(toHex(bytesOf(xxdRow))).toBe('30 20 23 4c 50 bb 7e c5 ab fa 20 6b 39 c6 da aa');
  });

  it('checks each row against the next offset', () => {
    const r = errorOf('0000  81 05 48\n0010  65 6c 6c 6f');
    expect(r).toMatchObject({ line: 2, column: 1 });
    expect(r.error).toMatch(/offset 0010 does not follow the 3 bytes/);
  });

  it('reports an odd digit count inside a dump row', () => {
    expect(errorOf('00000000  81 05 4 65  |..He|')).toMatchObject({ line: 1, column: 17 });
  });

  it('reports a stray word inside a dump row', () => {
    expect(errorOf('0000  81 05 zz 65 6c 6c 6f 00 00 00 00 00 00 00 00 00\n0010  00')).toMatchObject({
      line: 1,
      column: 13,
    });
  });

  it('expands "*" to the repeated row and needs the offset after it', () => {
    const dump =
      '00000000  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|\n*\n00000030';
    expect(bytesOf(dump)).toEqual(new Uint8Array(48));
    expect(
      errorOf('00000000  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|\n*').error,
    ).toMatch(/\*/);
  });
});

describe('toHex(), asciiColumn() and formatHexDump()', () => {
  it('toHex() writes lower-case pairs with a separator', () => {
    expect(toHex(Uint8Array.from(HELLO))).toBe('81 05 48 65 6c 6c 6f');
    expect(toHex(Uint8Array.from([0x0a, 0xff]), '')).toBe('0aff');
    expect(toHex(new Uint8Array(0))).toBe('');
  });

  it('asciiColumn() shows printable ASCII and dots', () => {
    expect(asciiColumn(Uint8Array.from(HELLO))).toBe('..Hello');
  });

  it('formatHexDump() writes hexdump -C rows', () => {
    expect(formatHexDump(Uint8Array.from(HELLO))).toBe(
      '00000000  81 05 48 65 6c 6c 6f                              |..Hello|\n00000007',
    );
  });

  it('formatHexDump() output, toHex() output and a C array all parse back to the same bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        expect(bytesOf(formatHexDump(bytes))).toEqual(bytes);
        expect(bytesOf(toHex(bytes))).toEqual(bytes);
        expect(bytesOf(toHex(bytes, ''))).toEqual(bytes);
        expect(bytesOf(`{${[...bytes].map((b) => `0x${b.toString(16)}`).join(', ')}}`)).toEqual(bytes);
      }),
    );
  });

  it('xxd-, tshark- and od-shaped dumps of any bytes parse back to the bytes, even with spaces collapsed', () => {
    const rows = (bytes: Uint8Array, per: number) =>
      Array.from({ length: Math.ceil(bytes.length / per) }, (_, i) => bytes.subarray(i * per, i * per + per));
    const xxd = (b: Uint8Array) =>
      rows(b, 16)
        .map((r, i) => {
          const groups = rows(r, 2).map((g) => toHex(g, ''));
          return `${(i * 16).toString(16).padStart(8, '0')}: ${groups.join(' ').padEnd(39)}  ${asciiColumn(r)}`;
        })
        .join('\n');
    const tshark = (b: Uint8Array) =>
      rows(b, 16)
        .map(
          (r, i) => `${(i * 16).toString(16).padStart(4, '0')}  ${toHex(r).padEnd(47)}   ${asciiColumn(r)}`,
        )
        .join('\n');
    const od = (b: Uint8Array) =>
      rows(b, 16)
        .map(
          (r, i) => `${(i * 16).toString(16).padStart(6, '0')} ${toHex(r).padEnd(47)}  >${asciiColumn(r)}<`,
        )
        .concat(b.length.toString(16).padStart(6, '0'))
        .join('\n');
    const printable = fc
      .uint8Array({ minLength: 1, maxLength: 100 })
      .map((b) => b.map((x) => (x % 5 === 0 ? 0x20 : x % 3 === 0 ? 0x61 + (x % 6) : x)));
    fc.assert(
      fc.property(printable, (bytes) => {
        for (const dump of [xxd(bytes), tshark(bytes), od(bytes)]) {
          expect(toHex(bytesOf(dump))).toBe(toHex(bytes));
        }
        if (bytes.length > 16) {
          const collapsed = tshark(bytes).replace(/ +/g, ' ');
          expect(toHex(bytesOf(collapsed))).toBe(toHex(bytes));
        }
      }),
      { numRuns: Number(process.env.HEX_RUNS ?? 300) },
    );
  });

  it('parseHex() never throws on arbitrary text', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'0123456789abcdefx\\{}[],:*|> \n\t\r\'"#/'.split('')) }),
        (text) => {
          const r = parseHex(text);
          if (!r.ok) {
            expect(r.line).toBeGreaterThanOrEqual(1);
            expect(r.column).toBeGreaterThanOrEqual(1);
          }
        },
      ),
    );
  });
});

describe('parseHex() pastes from Node and from browser DevTools', () => {
  // Node 20: console.log(Buffer.from([0x81, 5, 0x48, 0x65, 0x6c, 0x6c, 0x6f])) prints exactly this.
  it('reads a Node.js Buffer as console.log prints it, and names the format', () => {
    expect(parseHex('<Buffer 81 05 48 65 6c 6c 6f>')).toEqual({
      ok: true,
      bytes: Uint8Array.from(HELLO),
      format: 'node-buffer',
    });
    expect(bytesOf('  <Buffer 81 05>\n<Buffer 48 65 6c 6c 6f>\n')).toEqual(Uint8Array.from(HELLO));
  });

  it('reads a Buffer Node cut short ("... 12 more bytes") and says bytes are missing', () => {
    // Node 20: console.log(Buffer.alloc(62, 0x41)) prints 50 bytes, then "... 12 more bytes>".
    const text = `<Buffer ${Array(50).fill('41').join(' ')} ... 12 more bytes>`;
    const r = parseHex(text);
    expect(r.ok && r.bytes.length).toBe(50);
    expect(r.ok && r.format).toBe('node-buffer');
    expect(r.ok && r.warning).toMatch(/the other 12 bytes .* are not in the text/);
    const one = parseHex(`<Buffer ${Array(50).fill('00').join(' ')} ... 1 more byte>`);
    expect(one.ok && one.warning).toMatch(/the other 1 byte \(/);
  });

  it('points at the bad byte of a Buffer', () => {
    const r = errorOf('<Buffer 81 5 48>');
    expect([r.index, r.column]).toEqual([11, 12]);
    expect(errorOf('<Buffer 81 05').error).toMatch(/never closed/);
  });

  it('reads Base64 (how Chrome DevTools shows a binary message), only when the text is not hex', () => {
    // RFC 4648 §4; Buffer.from('gQVIZWxsbw==', 'base64') is 81 05 48 65 6c 6c 6f.
    expect(parseHex('gQVIZWxsbw==')).toEqual({ ok: true, bytes: Uint8Array.from(HELLO), format: 'base64' });
    expect(bytesOf('gQVI\nZWxs\nbw==')).toEqual(Uint8Array.from(HELLO));
    // URL-safe alphabet: 0xfb 0xff is "-_8=" in base64url, "+/8=" in base64.
    expect(bytesOf('-_8=')).toEqual(Uint8Array.of(0xfb, 0xff));
    expect(bytesOf('+/8=')).toEqual(Uint8Array.of(0xfb, 0xff));
    // Plain hex stays hex, even though "81054865" is valid Base64 too.
    expect(parseHex('81054865')).toMatchObject({ ok: true, format: 'hex' });
    // Not Base64: a length that is not a multiple of 4, padding inside, mixed alphabets; the hex error stays.
    expect(errorOf('gQVIZWxsbw=').error).toMatch(/not a hex digit/);
    expect(errorOf('gQ==gQ==').error).toMatch(/not a hex digit/);
    expect(errorOf('+/-_').error).toMatch(/not a hex digit/);
    // Words with spaces between them are hex with a typo, not Base64 ("8105486g" alone would be Base64).
    expect(errorOf('81 05\n48 6g').error).toMatch(/"6g"|"g"/);
    // Wrapped lines must share one width (the last may be shorter), as base64(1) and MIME wrap them.
    expect(bytesOf('gQVIZW\nxsbw==')).toEqual(Uint8Array.from(HELLO));
    expect(errorOf('gQVI\nZWxsbw==').error).toMatch(/not a hex digit/);
  });

  it('agrees with Node’s own Base64 decoder on any bytes (fast-check)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 300 }), (bytes) => {
        const text = Buffer.from(bytes).toString('base64');
        const r = parseHex(text);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        // Some Base64 texts are also plain hex ("00000000"): then they read as hex, by design.
        if (r.format === 'base64') expect(r.bytes).toEqual(bytes);
        else expect(r.format).toBe('hex');
      }),
    );
  });

  it('gives the character range of the offending token, to select it in the text', () => {
    const r = errorOf('81 05\n48 6 6c');
    expect([r.line, r.column, r.index, r.length]).toEqual([2, 4, 9, 1]);
    const odd = errorOf('81 0x485');
    expect([odd.index, odd.length]).toEqual([3, 5]);
    const dump = errorOf('0000  81 05 4g 65   ..H\n0003  6c');
    expect([dump.index, dump.length]).toEqual([12, 2]);
  });
});
