import type { Severity, Violation, ViolationId } from './types';

/** Values a violation's message template may show. */
export type ViolationParams = Record<string, string | number | bigint | boolean>;

/** One entry of the catalogue: the single source for the codec, the tests and the UI. */
export interface ViolationInfo {
  id: ViolationId;
  /** Close code a receiver fails the connection with. */
  closeCode: number;
  /** Section of the RFC that rules it. */
  rfc: string;
  /** Short title for lists. */
  title: string;
  severity: Severity;
  /** One line with the offending values. */
  template: (p: ViolationParams) => string;
  /** A paragraph for learners: what the rule is and why it exists. */
  explanation: string;
}

const hex = (n: unknown) => `0x${Number(n).toString(16)}`;

/**
 * Every protocol violation Framescope detects.
 * @see RFC 6455 §7.4.1 for the close codes, §5 for the framing rules.
 */
export const VIOLATIONS: Readonly<Record<ViolationId, ViolationInfo>> = {
  'reserved-bit-set': {
    id: 'reserved-bit-set',
    closeCode: 1002,
    rfc: 'RFC 6455 §5.2',
    title: 'Reserved bit set',
    severity: 'error',
    template: (p) => `${p.bit} = 1 but no negotiated extension defines it`,
    explanation:
      'RSV1, RSV2 and RSV3 must be 0 unless an extension negotiated in the handshake gives them a meaning (permessage-deflate uses RSV1). A receiver that sees a non-zero reserved bit it does not understand must fail the connection.',
  },
  'reserved-opcode': {
    id: 'reserved-opcode',
    closeCode: 1002,
    rfc: 'RFC 6455 §5.2',
    title: 'Reserved opcode',
    severity: 'error',
    template: (p) =>
      `opcode ${hex(p.opcode)} is reserved (${Number(p.opcode) < 8 ? 'non-control 0x3–0x7' : 'control 0xB–0xF'})`,
    explanation:
      'Opcodes 0x3–0x7 are reserved for future data frames and 0xB–0xF for future control frames. Without an extension that defines them, a receiver must fail the connection when it sees one.',
  },
  'control-frame-too-long': {
    id: 'control-frame-too-long',
    closeCode: 1002,
    rfc: 'RFC 6455 §5.5',
    title: 'Control frame longer than 125 bytes',
    severity: 'error',
    template: (p) => `${p.name} frame has a ${p.length}-byte payload; control frames carry at most 125`,
    explanation:
      'Close, ping and pong frames must have a payload of 125 bytes or less, so their length always fits the 7-bit field and they can be handled quickly, even in the middle of a fragmented message.',
  },
  'control-frame-fragmented': {
    id: 'control-frame-fragmented',
    closeCode: 1002,
    rfc: 'RFC 6455 §5.5',
    title: 'Fragmented control frame',
    severity: 'error',
    template: (p) => `${p.name} frame has FIN = 0; control frames must not be fragmented`,
    explanation:
      'Control frames may be injected between the fragments of a message, but they themselves must never be fragmented: FIN must be 1.',
  },
  'unexpected-continuation': {
    id: 'unexpected-continuation',
    closeCode: 1002,
    rfc: 'RFC 6455 §5.4',
    title: 'Continuation with no message to continue',
    severity: 'error',
    template: () => 'continuation frame (opcode 0x0) but no fragmented message is in progress',
    explanation:
      'A fragmented message starts with a text or binary frame with FIN = 0 and goes on with continuation frames. A continuation frame that arrives when no message was started has nothing to continue.',
  },
  'expected-continuation': {
    id: 'expected-continuation',
    closeCode: 1002,
    rfc: 'RFC 6455 §5.4',
    title: 'New message before the previous one ended',
    severity: 'error',
    template: (p) => `${p.name} frame starts a new message while a fragmented message is unfinished`,
    explanation:
      'The fragments of one message must arrive in order with nothing but control frames between them. A new text or binary frame before the final fragment (FIN = 1) of the previous message breaks that rule.',
  },
  'unmasked-client-frame': {
    id: 'unmasked-client-frame',
    closeCode: 1002,
    rfc: 'RFC 6455 §5.1',
    title: 'Client frame not masked',
    severity: 'error',
    template: () => 'MASK = 0 on a frame from the client; every client-to-server frame must be masked',
    explanation:
      'A client must mask every frame it sends, with a fresh unpredictable key, so that attacker-chosen bytes never appear on the wire as-is (this defeats cache-poisoning attacks on proxies, §10.3). A server must close the connection when it receives an unmasked frame.',
  },
  'masked-server-frame': {
    id: 'masked-server-frame',
    closeCode: 1002,
    rfc: 'RFC 6455 §5.1',
    title: 'Server frame masked',
    severity: 'error',
    template: () => 'MASK = 1 on a frame from the server; servers must not mask',
    explanation:
      'A server must not mask any frame it sends. A client must close the connection if it detects a masked frame.',
  },
  'length-top-bit-set': {
    id: 'length-top-bit-set',
    closeCode: 1002,
    rfc: 'RFC 6455 §5.2',
    title: '64-bit length with its top bit set',
    severity: 'error',
    template: (p) =>
      `64-bit payload length 0x${BigInt(p.length ?? 0).toString(16)} has its most significant bit set`,
    explanation:
      'In the 64-bit form of the payload length the most significant bit must be 0, so the length fits a signed 64-bit integer.',
  },
  'non-minimal-length': {
    id: 'non-minimal-length',
    closeCode: 1002,
    rfc: 'RFC 6455 §5.2',
    title: 'Length not in its minimal form',
    severity: 'warning',
    template: (p) =>
      `length ${p.length} written in the ${p.encoding}-bit form; the ${p.minimal}-bit form must be used`,
    explanation:
      'The sender must use the minimal number of bytes to encode the length: 0–125 in the 7-bit field, 126–65535 in the 16-bit form, larger only in the 64-bit form. Receivers usually still read such a frame, so Framescope reports it as a warning.',
  },
  'invalid-utf8': {
    id: 'invalid-utf8',
    closeCode: 1007,
    rfc: 'RFC 6455 §8.1',
    title: 'Invalid UTF-8 in a text message',
    severity: 'error',
    template: (p) => `byte ${hex(p.byte)} at payload index ${p.index} is not valid UTF-8 (${p.why})`,
    explanation:
      'The payload of a text message must be valid UTF-8. A receiver must fail the connection with 1007 as soon as it sees an invalid byte, even if the message is fragmented and the rest has not arrived.',
  },
  'close-payload-one-byte': {
    id: 'close-payload-one-byte',
    closeCode: 1002,
    rfc: 'RFC 6455 §5.5.1',
    title: 'Close frame with a 1-byte payload',
    severity: 'error',
    template: () => 'close frame payload is 1 byte; it must be empty or start with a 2-byte status code',
    explanation:
      'A close frame either has no payload, or starts with a 2-byte unsigned status code (network byte order) optionally followed by a UTF-8 reason. A single byte cannot be either.',
  },
  'close-code-invalid': {
    id: 'close-code-invalid',
    closeCode: 1002,
    rfc: 'RFC 6455 §7.4.1',
    title: 'Close code not allowed on the wire',
    severity: 'error',
    template: (p) => `close code ${p.code} ${p.why}`,
    explanation:
      'Only some close codes may be sent in a close frame: 1000–1003, 1007–1014 (as registered with IANA) and 3000–4999. 1005, 1006 and 1015 are reserved for reporting inside an endpoint, 0–999 are unused, and 1016–2999 are reserved for future versions of the protocol.',
  },
  'close-reason-invalid-utf8': {
    id: 'close-reason-invalid-utf8',
    closeCode: 1007,
    rfc: 'RFC 6455 §5.5.1',
    title: 'Close reason is not valid UTF-8',
    severity: 'error',
    template: (p) =>
      `close reason byte ${hex(p.byte)} at reason index ${p.index} is not valid UTF-8 (${p.why})`,
    explanation: 'The reason after the close code must be valid UTF-8, like the payload of a text message.',
  },
  'message-too-big': {
    id: 'message-too-big',
    closeCode: 1009,
    rfc: 'RFC 6455 §7.4.1',
    title: 'Message too big',
    severity: 'error',
    template: (p) =>
      `${p.what ?? 'message'} reached ${p.size} bytes; this endpoint accepts at most ${p.limit}`,
    explanation:
      'An endpoint may refuse messages larger than it can process by closing with 1009 (Message Too Big). It should do so as soon as the size is known, without buffering the whole message first.',
  },
  'rsv1-on-continuation': {
    id: 'rsv1-on-continuation',
    closeCode: 1002,
    rfc: 'RFC 7692 §6.1',
    title: 'RSV1 on a continuation frame',
    severity: 'error',
    template: () =>
      'RSV1 = 1 on a continuation frame; only the first frame of a compressed message carries it',
    explanation:
      'With permessage-deflate, RSV1 ("Per-Message Compressed") is set on the first frame of a compressed message only. A continuation frame with RSV1 set is a protocol error.',
  },
  'rsv1-on-control-frame': {
    id: 'rsv1-on-control-frame',
    closeCode: 1002,
    rfc: 'RFC 7692 §6.1',
    title: 'RSV1 on a control frame',
    severity: 'error',
    template: (p) => `RSV1 = 1 on a ${p.name} frame; control frames are never compressed`,
    explanation: 'permessage-deflate compresses data messages only; control frames must have RSV1 = 0.',
  },
  'inflate-failed': {
    id: 'inflate-failed',
    closeCode: 1007,
    rfc: 'RFC 7692 §7.2.2',
    title: 'Compressed data cannot be inflated',
    severity: 'error',
    template: (p) => `inflating the message failed: ${p.why}`,
    explanation:
      'A message marked as compressed (RSV1) must hold valid DEFLATE data once 00 00 ff ff is appended. Data that does not inflate is inconsistent with the message type, so the receiver closes with 1007.',
  },
};

/** Build a violation from the catalogue, with its message filled in. */
export function violation(id: ViolationId, offset: number, params: ViolationParams = {}): Violation {
  const info = VIOLATIONS[id];
  return {
    id,
    closeCode: info.closeCode,
    rfc: info.rfc,
    message: info.template(params),
    offset,
    severity: info.severity,
  };
}
