/** Ways to copy the built bytes: spaced hex, a JavaScript `Uint8Array`, a C array. */
import { toHex } from './hex-input';

const hexLiterals = (bytes: Uint8Array, perLine: number, indent: string): string => {
  const lines: string[] = [];
  for (let i = 0; i < bytes.length; i += perLine) {
    const chunk = Array.from(bytes.subarray(i, i + perLine), (b) => `0x${b.toString(16).padStart(2, '0')}`);
    lines.push(indent + chunk.join(', '));
  }
  return lines.join(',\n');
};

export function asHex(bytes: Uint8Array): string {
  return toHex(bytes);
}

export function asJavaScript(bytes: Uint8Array): string {
  if (bytes.length === 0) return 'const frame = new Uint8Array([]);';
  return `const frame = new Uint8Array([\n${hexLiterals(bytes, 12, '  ')},\n]);`;
}

export function asC(bytes: Uint8Array): string {
  return `static const unsigned char frame[${bytes.length}] = {\n${hexLiterals(bytes, 12, '  ')}\n};`;
}
