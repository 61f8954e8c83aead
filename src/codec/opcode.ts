/** Opcode names and classes (RFC 6455 §5.2, §11.8). */
import { Opcode } from './types';

const OPCODE_NAMES: Record<number, string> = {
  [Opcode.Continuation]: 'continuation',
  [Opcode.Text]: 'text',
  [Opcode.Binary]: 'binary',
  [Opcode.Close]: 'close',
  [Opcode.Ping]: 'ping',
  [Opcode.Pong]: 'pong',
};

/**
 * The name of an opcode: `text`, `binary`, `continuation`, `close`, `ping`, `pong`, or `reserved (0x3)`.
 * @example opcodeName(0x9) // 'ping'
 * @see RFC 6455 §5.2, §11.8
 */
export function opcodeName(opcode: number): string {
  if (!Number.isInteger(opcode) || opcode < 0 || opcode > 0xf) return `not an opcode (${opcode})`;
  return OPCODE_NAMES[opcode] ?? `reserved (0x${opcode.toString(16)})`;
}

/**
 * Control frames have opcodes with the most significant bit set (0x8–0xF).
 * @example isControlOpcode(0x8) // true
 * @see RFC 6455 §5.5
 */
export function isControlOpcode(opcode: number): boolean {
  return (opcode & 0b1000) !== 0;
}

/**
 * Opcodes RFC 6455 defines; the others (0x3–0x7, 0xB–0xF) are reserved.
 * @example isKnownOpcode(0x3) // false
 * @see RFC 6455 §5.2
 */
export function isKnownOpcode(opcode: number): boolean {
  return opcode in OPCODE_NAMES;
}
