/**
 * Learn's answers worked out a second way, from the question's own words and the RFC's rules written out here
 * by hand (bit positions, i mod 4, the length thresholds), or by Node's crypto and TextDecoder, or by `ws`.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { acceptBase64, acceptChoice, acceptInput } from '../../../src/content/lessons/exercises/handshake';
import { firstByte, headerBits, secondByte } from '../../../src/content/lessons/exercises/header';
import { headerLength, lengthForm } from '../../../src/content/lessons/exercises/length';
import { keyIndex, xorByte } from '../../../src/content/lessons/exercises/masking';
import {
  closeOnWire,
  firstBadByte,
  fragmentByte,
  fragmentCount,
} from '../../../src/content/lessons/exercises/messages';
import { compressedByte } from '../../../src/content/lessons/exercises/deflate';
import { failAfter } from '../../../src/content/lessons/exercises/security';
import type { Exercise } from '../../../src/content/lessons/exercises/types';

const require = createRequire(import.meta.url);
const ws = require('ws') as {
  Receiver: new (opts: { isServer: boolean; maxPayload?: number }) => {
    _write(chunk: Buffer, encoding: string, cb: (err?: Error) => void): void;
  };
};

const SEEDS = Array.from({ length: 200 }, (_, i) => i * 15485863 + 11);
const h2 = (n: number) => n.toString(16).padStart(2, '0');
const text = (ex: Exercise) => ex.prompt.join('\n');
const num = (re: RegExp, s: string) => Number(re.exec(s)![1]!.replace(/,/g, ''));
const utf8Length = (s: string) => new TextEncoder().encode(s).length;
const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const accept = (key: string) =>
  createHash('sha1')
    .update(key + GUID)
    .digest('base64');
const keyOf = (ex: Exercise) =>
  /Sec-WebSocket-Key: ([^`]+)`/.exec(text(ex))?.[1] ?? /the key `([^`]+)`/.exec(text(ex))![1]!;

describe('frame headers from the description (RFC 6455 §5.2 bit positions)', () => {
  it('byte 0 = FIN << 7 | opcode', () => {
    for (const seed of SEEDS) {
      const ex = firstByte(seed);
      const op = Number(/\(opcode (0x[0-9a-f])\)/i.exec(text(ex))![1]);
      expect(ex.answer).toBe(h2((/final frame/.test(text(ex)) ? 0x80 : 0) | op));
    }
  });
  it('byte 1 = MASK << 7 | length in bytes of UTF-8', () => {
    for (const seed of SEEDS) {
      const ex = secondByte(seed);
      const word = /payload is the text `([^`]+)`/.exec(text(ex))![1]!;
      expect(ex.answer).toBe(h2((/The client/.test(text(ex)) ? 0x80 : 0) | utf8Length(word)));
    }
  });
  it('the 16 bits', () => {
    for (const seed of SEEDS) {
      const ex = headerBits(seed);
      const op = Number(/\(opcode (0x[0-9a-f])\)/i.exec(text(ex))![1]);
      const fin = op >= 8 || /the last frame of its message/.test(text(ex));
      const b0 = (fin ? 0x80 : 0) | op;
      const b1 = (/The client/.test(text(ex)) ? 0x80 : 0) | num(/with a (\d+)-byte payload/, text(ex));
      expect(ex.answer).toBe(b0.toString(2).padStart(8, '0') + b1.toString(2).padStart(8, '0'));
    }
  });
});

describe('lengths (0–125, 126–65535, above)', () => {
  it('the form', () => {
    for (const seed of SEEDS) {
      const ex = lengthForm(seed);
      const n = num(/is ([\d,]+) bytes long/, text(ex));
      expect(ex.answer).toBe(n <= 125 ? '7' : n <= 65535 ? '16' : '64');
    }
  });
  it('the header length of a masked frame', () => {
    for (const seed of SEEDS) {
      const ex = headerLength(seed);
      const n = num(/with a ([\d,]+)-byte payload/, text(ex));
      expect(ex.answer).toBe(String(2 + (n <= 125 ? 0 : n <= 65535 ? 2 : 8) + 4));
    }
  });
});

describe('masking: byte i XOR key byte i mod 4', () => {
  it('one XOR', () => {
    for (const seed of SEEDS) {
      const ex = xorByte(seed);
      const href = ex.open!.href;
      const q = new URLSearchParams(href.slice(href.indexOf('?') + 1));
      const payload = Buffer.from(q.get('payload')!, 'hex');
      const key = Buffer.from(q.get('key')!, 'hex');
      const i = num(/payload byte (\d+)/, text(ex));
      expect(ex.answer).toBe(h2(payload[i]! ^ key[i % 4]!));
    }
  });
  it('which key byte', () => {
    for (const seed of SEEDS) {
      const ex = keyIndex(seed);
      expect(ex.answer).toBe(String(num(/payload byte (\d+)/, text(ex)) % 4));
    }
  });
});

describe('fragments and compression', () => {
  it('frame count = ⌈length / size⌉', () => {
    for (const seed of SEEDS) {
      const ex = fragmentCount(seed);
      const n = num(/message of (\d+) bytes/, text(ex));
      const size = num(/at most (\d+) payload bytes/, text(ex));
      expect(ex.answer).toBe(String(Math.ceil(n / size)));
    }
  });
  it('byte 0 of fragment j: opcode on the first only, FIN on the last only', () => {
    for (const seed of SEEDS) {
      const ex = fragmentByte(seed);
      const t = text(ex);
      const op = /the text message/.test(t) ? 1 : 2;
      const [, j, of] = /frame (\d+) of (\d+)/.exec(t)!;
      const b = (j === of ? 0x80 : 0) | (j === '1' ? op : 0);
      expect(ex.answer).toBe(h2(b));
      const n = num(/\((\d+) bytes\)/, t);
      expect(Number(of)).toBe(Math.ceil(n / num(/at most (\d+) payload bytes/, t)));
    }
  });
  it('compressed: RSV1 (0x40) on the first frame only', () => {
    for (const seed of SEEDS) {
      const ex = compressedByte(seed);
      const t = text(ex);
      const frames = num(/sends them in (\d+) frames/, t);
      const j = num(/byte 0 of frame (\d+)/i, t);
      expect(ex.answer).toBe(h2((j === frames ? 0x80 : 0) | (j === 1 ? 0x41 : 0)));
    }
  });
});

describe('closing and UTF-8', () => {
  it('codes allowed on the wire: 1000–1003, 1007–1014, 3000–4999', () => {
    for (const seed of SEEDS) {
      const ex = closeOnWire(seed);
      const c = num(/status code (\d+)/, text(ex));
      const ok = (c >= 1000 && c <= 1003) || (c >= 1007 && c <= 1014) || (c >= 3000 && c <= 4999);
      expect(ex.answer, `code ${c}`).toBe(ok ? 'yes' : 'no');
    }
  });
  it('first invalid byte: where a streaming, fatal TextDecoder first throws', () => {
    for (const seed of SEEDS) {
      const ex = firstBadByte(seed);
      const bytes = ex.shown![0]!.bytes;
      let at = -1;
      const d = new TextDecoder('utf-8', { fatal: true });
      for (let k = 0; k < bytes.length && at < 0; k++) {
        try {
          d.decode(bytes.subarray(k, k + 1), { stream: true });
        } catch {
          at = k;
        }
      }
      expect(ex.answer, Buffer.from(bytes).toString('hex')).toBe(String(at));
    }
  });
});

describe('Sec-WebSocket-Accept by Node’s crypto', () => {
  it('the string hashed, the first 4 characters, the right value', async () => {
    for (const seed of SEEDS.slice(0, 60)) {
      const input = await acceptInput(seed);
      const k = keyOf(input);
      expect(
        input.input.kind === 'choice' && input.input.options.find((o) => o.value === input.answer)!.label,
      ).toBe(k + GUID);
      const b64 = await acceptBase64(seed);
      expect(b64.answer).toBe(accept(keyOf(b64)).slice(0, 4));
      const choice = await acceptChoice(seed);
      const label =
        choice.input.kind === 'choice'
          ? choice.input.options.find((o) => o.value === choice.answer)!.label
          : '';
      expect(label).toBe(accept(keyOf(choice)));
    }
  });
});

describe('size limits, with ws as the server', () => {
  it('ws with the same limit fails at the same byte', () => {
    for (const seed of SEEDS.slice(0, 40)) {
      const ex = failAfter(seed);
      const limit = num(/at most ([\d,]+) bytes/, text(ex));
      const length = num(/with a ([\d,]+)-byte payload/, text(ex));
      // The header as RFC 6455 §5.2 writes it, masked, then payload bytes: fed to ws one byte at a time.
      const ext =
        length <= 65535
          ? [126, length >> 8, length & 0xff]
          : [127, 0, 0, 0, 0, ...[24, 16, 8, 0].map((s) => (length >>> s) & 0xff)];
      const bytes = Buffer.from([
        0x82,
        0x80 | ext[0]!,
        ...ext.slice(1),
        1,
        2,
        3,
        4,
        ...new Array<number>(64).fill(0),
      ]);
      const rx = new ws.Receiver({ isServer: true, maxPayload: limit });
      let failedAt = 0;
      for (let i = 0; i < bytes.length && !failedAt; i++) {
        rx._write(bytes.subarray(i, i + 1), 'buffer', (err) => {
          if (err && !failedAt) failedAt = i + 1;
        });
      }
      // ws refuses once the extended length is read; Framescope's receiver reads the 4 key bytes first.
      expect(Number(ex.answer), `length ${length}, limit ${limit}`).toBe(failedAt + 4);
    }
  });
});
