/**
 * The few MQTT 3.1.1 / 5 bytes the play server reads and writes, from the specifications: fixed header, Variable Byte
 * Integer remaining length, UTF-8 strings with a 2-byte length, 2-byte packet identifiers. MQTT 5 acks carry a
 * property length of 0 where the packet has properties.
 * @see MQTT 3.1.1 §2, §3; MQTT 5.0 §1.5, §2, §3
 */

/** Variable Byte Integer: 7 bits a byte, least significant first, high bit = more. @see MQTT 5.0 §1.5.5 */
export function vbi(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) byte |= 0b1000_0000;
    out.push(byte);
  } while (n > 0);
  return out;
}

export const u16 = (n: number): number[] => [n >> 8, n & 0xff];

export function utf8(s: string): number[] {
  const b = new TextEncoder().encode(s);
  return [...u16(b.length), ...b];
}

/** A control packet: type and flags in the first byte, the remaining length, then the rest. */
export function packet(type: number, flags: number, body: readonly number[]): Uint8Array {
  return new Uint8Array([(type << 4) | flags, ...vbi(body.length), ...body]);
}

/** One control packet cut from the byte stream. */
export interface RawPacket {
  type: number;
  flags: number;
  body: Uint8Array;
}

/**
 * Cuts whole packets from a stream that may split or join them across WebSocket messages (MQTT-6.0.0-2 lets a
 * message hold several packets or part of one). Returns the packets and the bytes left over; null on a malformed
 * remaining length.
 */
export function cutPackets(buffer: Uint8Array): { packets: RawPacket[]; rest: Uint8Array } | null {
  const packets: RawPacket[] = [];
  let at = 0;
  for (;;) {
    if (buffer.length - at < 2) break;
    let length = 0;
    let mul = 1;
    let i = at + 1;
    let done = false;
    for (let k = 0; k < 4 && i < buffer.length; k++, i++) {
      length += (buffer[i]! & 0x7f) * mul;
      mul *= 128;
      if ((buffer[i]! & 0x80) === 0) {
        done = true;
        i++;
        break;
      }
    }
    if (!done) {
      if (i - at - 1 >= 4) return null;
      break;
    }
    if (buffer.length - i < length) break;
    packets.push({ type: buffer[at]! >> 4, flags: buffer[at]! & 0x0f, body: buffer.subarray(i, i + length) });
    at = i + length;
  }
  return { packets, rest: buffer.slice(at) };
}

/** Reads a 2-byte length-prefixed string at `at`; returns the string and the offset after it. */
export function readUtf8(b: Uint8Array, at: number): [string, number] {
  const n = ((b[at] ?? 0) << 8) | (b[at + 1] ?? 0);
  return [new TextDecoder().decode(b.subarray(at + 2, at + 2 + n)), at + 2 + n];
}

export const readU16 = (b: Uint8Array, at: number): number => ((b[at] ?? 0) << 8) | (b[at + 1] ?? 0);

/** Skips an MQTT 5 property block (its VBI length and the properties). */
export function skipProperties(b: Uint8Array, at: number): number {
  let length = 0;
  let mul = 1;
  for (let k = 0; k < 4 && at < b.length; k++) {
    const byte = b[at++]!;
    length += (byte & 0x7f) * mul;
    mul *= 128;
    if ((byte & 0x80) === 0) break;
  }
  return at + length;
}
