/** Links to the full views in the state of an exercise (the views' own deep-link parameters). */
import { toHex } from '../../../codec/hex';
import type { OpenLink } from './types';

export function decoderLink(bytes: Uint8Array, dir: 'c2s' | 's2c', deflate = false): OpenLink {
  const params = new URLSearchParams({ hex: toHex(bytes, ''), dir });
  if (deflate) params.set('deflate', 'on');
  return { label: 'Open these bytes in the Decoder', href: `#/decoder?${params.toString()}` };
}

export function maskingLink(payload: Uint8Array, key: Uint8Array): OpenLink {
  const params = new URLSearchParams({ payload: toHex(payload, ''), key: toHex(key, '') });
  return { label: 'Open this payload and key in Masking', href: `#/masking?${params.toString()}` };
}

/** Field colours of a frame's bytes for the hex view (header fields, key, payload). */
export function frameRegions(
  headerLength: number,
  extLength: number,
  masked: boolean,
  total: number,
): { start: number; end: number; tone: string }[] {
  const out = [
    { start: 0, end: 1, tone: 'opcode' },
    { start: 1, end: 2, tone: 'len' },
  ];
  if (extLength) out.push({ start: 2, end: 2 + extLength, tone: 'extlen' });
  if (masked) out.push({ start: 2 + extLength, end: 6 + extLength, tone: 'key' });
  if (total > headerLength) out.push({ start: headerLength, end: total, tone: 'payload' });
  return out;
}
