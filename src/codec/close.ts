/**
 * Close frames (RFC 6455 §5.5.1) and close status codes (§7.4, and the IANA "WebSocket Close Code Number" registry).
 */
import { createUtf8Validator } from './utf8';
import { violation } from './violations';
import type { FrameField, Violation } from './types';

export interface CloseCodeInfo {
  code: number;
  /** Registered name, e.g. `Normal Closure`; for ranges, the range's name. */
  name: string;
  meaning: string;
  /** May this code be sent in a close frame? (1005, 1006, 1015 and unassigned codes may not.) */
  allowedOnWire: boolean;
  range: 'unused' | 'protocol' | 'reserved' | 'registered' | 'private' | 'invalid';
}

const NAMED: Record<number, [string, string, boolean]> = {
  1000: ['Normal Closure', 'The purpose for which the connection was established has been fulfilled.', true],
  1001: [
    'Going Away',
    'An endpoint is going away: a server going down, or a browser leaving the page.',
    true,
  ],
  1002: ['Protocol Error', 'The endpoint is terminating the connection due to a protocol error.', true],
  1003: [
    'Unsupported Data',
    'The endpoint received a type of data it cannot accept (e.g. binary data when it only understands text).',
    true,
  ],
  1004: ['Reserved', 'Reserved; its meaning might be defined in the future. Must not be sent.', false],
  1005: [
    'No Status Received',
    'Not sent on the wire: an endpoint reports it when a close frame arrived without a status code.',
    false,
  ],
  1006: [
    'Abnormal Closure',
    'Not sent on the wire: an endpoint reports it when the connection closed without a close frame.',
    false,
  ],
  1007: [
    'Invalid Frame Payload Data',
    'The endpoint received data inconsistent with the message type, e.g. invalid UTF-8 in a text message.',
    true,
  ],
  1008: [
    'Policy Violation',
    'The endpoint received a message that violates its policy (a generic code).',
    true,
  ],
  1009: ['Message Too Big', 'The endpoint received a message too big for it to process.', true],
  1010: [
    'Mandatory Extension',
    'The client expected the server to negotiate one or more extensions, and the server did not.',
    true,
  ],
  1011: [
    'Internal Error',
    'The server met an unexpected condition that prevented it from fulfilling the request.',
    true,
  ],
  1012: ['Service Restart', 'The service is restarting (IANA registry).', true],
  1013: ['Try Again Later', 'The service is temporarily overloaded; try again later (IANA registry).', true],
  1014: [
    'Bad Gateway',
    'A gateway or proxy received an invalid response from the upstream server (IANA registry).',
    true,
  ],
  1015: [
    'TLS Handshake',
    'Not sent on the wire: an endpoint reports it when the TLS handshake failed (e.g. the certificate could not be verified).',
    false,
  ],
};

/**
 * Name, meaning and wire-legality of a close code.
 *
 * @example
 * describeCloseCode(1000) // { name: 'Normal Closure', allowedOnWire: true, range: 'protocol', … }
 * describeCloseCode(1005) // { name: 'No Status Received', allowedOnWire: false, … }
 * describeCloseCode(4000) // { name: 'Private use', allowedOnWire: true, range: 'private', … }
 * @see RFC 6455 §7.4.1, §7.4.2
 */
export function describeCloseCode(code: number): CloseCodeInfo {
  const named = NAMED[code];
  if (named) {
    const [name, meaning, allowedOnWire] = named;
    return { code, name, meaning, allowedOnWire, range: 'protocol' };
  }
  if (!Number.isInteger(code) || code < 0 || code > 0xffff) {
    return {
      code,
      name: 'Not a close code',
      meaning: 'Close codes are 16-bit unsigned integers.',
      allowedOnWire: false,
      range: 'invalid',
    };
  }
  if (code < 1000) {
    return {
      code,
      name: 'Unused',
      meaning: 'Codes 0–999 are not used.',
      allowedOnWire: false,
      range: 'unused',
    };
  }
  if (code < 3000) {
    return {
      code,
      name: 'Reserved',
      meaning:
        'Codes 1016–2999 are reserved for future revisions of the protocol and for extensions; none is assigned.',
      allowedOnWire: false,
      range: 'reserved',
    };
  }
  if (code < 4000) {
    return {
      code,
      name: 'Registered',
      meaning: 'Codes 3000–3999 are for libraries, frameworks and applications, registered with IANA.',
      allowedOnWire: true,
      range: 'registered',
    };
  }
  if (code < 5000) {
    return {
      code,
      name: 'Private use',
      meaning: 'Codes 4000–4999 are for private use, agreed between the two applications.',
      allowedOnWire: true,
      range: 'private',
    };
  }
  return {
    code,
    name: 'Undefined',
    meaning: 'Codes above 4999 are outside every range RFC 6455 defines.',
    allowedOnWire: false,
    range: 'invalid',
  };
}

/** What a close frame's payload says. */
export interface ClosePayload {
  /** The status code, or undefined for an empty payload (reported as 1005 by the endpoint). */
  code?: number;
  reason: string;
  /** What is wrong with the payload (empty when valid). Offsets are relative to the payload's first byte. */
  violations: Violation[];
}

const textDecoder = new TextDecoder('utf-8');

/**
 * Read a close frame's payload: empty, or a 2-byte status code and a UTF-8 reason.
 *
 * @example
 * parseClosePayload(new Uint8Array([0x03, 0xe8, 0x47, 0x6f, 0x6f, 0x64, 0x62, 0x79, 0x65]))
 * // → { code: 1000, reason: 'Goodbye', violations: [] }
 * @see RFC 6455 §5.5.1
 */
export function parseClosePayload(payload: Uint8Array): ClosePayload {
  if (payload.length === 0) return { reason: '', violations: [] };
  if (payload.length === 1) return { reason: '', violations: [violation('close-payload-one-byte', 0)] };
  const code = (payload[0]! << 8) | payload[1]!;
  const violations: Violation[] = [];
  const info = describeCloseCode(code);
  if (!info.allowedOnWire) {
    violations.push(violation('close-code-invalid', 0, { code, why: closeCodeWhy(info) }));
  }
  const reasonBytes = payload.subarray(2);
  const v = createUtf8Validator();
  let bad = v.write(reasonBytes);
  if (bad < 0 && !v.complete) {
    bad = reasonBytes.length - 1;
    while (bad > 0 && (reasonBytes[bad]! & 0xc0) === 0x80) bad--;
  }
  if (bad >= 0) {
    violations.push(
      violation('close-reason-invalid-utf8', 2 + bad, {
        byte: reasonBytes[bad]!,
        index: bad,
        why: v.why || 'sequence cut off by the end of the reason',
      }),
    );
  }
  return { code, reason: textDecoder.decode(reasonBytes), violations };
}

function closeCodeWhy(info: CloseCodeInfo): string {
  switch (info.range) {
    case 'protocol':
      return `(${info.name}) must not be sent in a close frame`;
    case 'unused':
      return 'is in 0–999, which is not used';
    case 'reserved':
      return 'is in 1016–2999, reserved for future use';
    default:
      return 'is above 4999, outside every defined range';
  }
}

/**
 * The payload of a close frame: the code in network byte order, then the reason as UTF-8.
 * Throws when the result would be invalid on the wire (a code not allowed, or a reason over 123 bytes).
 *
 * @example
 * encodeClosePayload(1000, 'Goodbye') // → 03 e8 47 6f 6f 64 62 79 65
 * @see RFC 6455 §5.5.1
 */
export function encodeClosePayload(code?: number, reason = ''): Uint8Array {
  if (code === undefined) {
    if (reason) throw new Error('a close reason needs a status code before it');
    return new Uint8Array(0);
  }
  const info = describeCloseCode(code);
  if (!info.allowedOnWire) throw new RangeError(`close code ${code} ${closeCodeWhy(info)}`);
  const text = new TextEncoder().encode(reason);
  if (text.length > 123) {
    throw new RangeError(`close reason is ${text.length} bytes of UTF-8; at most 123 fit in a control frame`);
  }
  const out = new Uint8Array(2 + text.length);
  out[0] = code >> 8;
  out[1] = code & 0xff;
  out.set(text, 2);
  return out;
}

/**
 * The fields inside a close frame's payload, after the header's fields: the 2-byte status code (bytes
 * `headerLength`…`headerLength + 1` of the frame) with its registered name and meaning, and the UTF-8 reason after
 * it when there is one. Empty for a payload of fewer than 2 bytes (no status code).
 *
 * @example
 * // 88 05 03 e8 62 79 65: a server's close frame, code 1000, reason "bye"
 * closePayloadFields(2, new Uint8Array([0x03, 0xe8, 0x62, 0x79, 0x65])).map((f) => [f.label, f.bitOffset / 8, f.display])
 * // → [['Status code', 2, '1000'], ['Reason', 4, '“bye”']]
 * @see RFC 6455 §5.5.1 (layout), §7.4 (status codes)
 */
export function closePayloadFields(headerLength: number, payload: Uint8Array): FrameField[] {
  if (payload.length < 2) return [];
  const code = (payload[0]! << 8) | payload[1]!;
  const info = describeCloseCode(code);
  const at = headerLength * 8;
  const fields: FrameField[] = [
    {
      name: 'closeCode',
      label: 'Status code',
      bitOffset: at,
      bitLength: 16,
      value: code,
      display: String(code),
      meaning: `${info.name}: ${info.meaning}${info.allowedOnWire ? '' : ` (${closeCodeWhy(info)})`}`,
      rfc: 'RFC 6455 §7.4',
    },
  ];
  if (payload.length > 2) {
    fields.push({
      name: 'closeReason',
      label: 'Reason',
      bitOffset: at + 16,
      bitLength: (payload.length - 2) * 8,
      value: payload.length - 2,
      display: `“${textDecoder.decode(payload.subarray(2))}”`,
      meaning: 'why the endpoint closes, in UTF-8, for people to read (not for the application to act on)',
      rfc: 'RFC 6455 §5.5.1',
    });
  }
  return fields;
}
