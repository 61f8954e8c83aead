/**
 * The scenarios of the verdict exercises, one set a lesson: each builds real frames with `encodeFrame`,
 * `encodeMessage` and the deflater, some deliberately breaking a rule (`allowInvalid`). What a receiver makes
 * of them is never written here: `verdict.ts` asks `createReceiver`.
 */
import { encodeClosePayload } from '../../../codec/close';
import { encodeFrame } from '../../../codec/frame-encode';
import { encodeMessage } from '../../../codec/message';
import { createDeflater } from '../../../codec/permessage-deflate';
import type { FrameSpec, ViolationId } from '../../../codec/types';
import type { Rng } from './prng';
import { WORDS } from './prng';
import type { Scenario } from './verdict';

const utf8 = (s: string) => new TextEncoder().encode(s);
const word = (rng: Rng) => utf8(rng.pick(WORDS));
/** A frame from the client: always masked unless `mask: null` is given. */
const fromClient = (rng: Rng, spec: FrameSpec) =>
  encodeFrame({ mask: rng.bytes(4), allowInvalid: true, ...spec });
const fromServer = (spec: FrameSpec) => encodeFrame({ allowInvalid: true, ...spec });

const TO_SERVER = 'A server receives these frames from a client.';
const TO_CLIENT = 'A client receives these frames from a server.';
const NO_EXTENSION = 'No extension was negotiated.';

export interface ScenarioSetDef {
  scenarios: Scenario[];
  /** Every violation the scenarios can lead to (the options of a "which rule" question). */
  outcomes: ViolationId[];
  /** The options of a "which close code" question. */
  codes: string[];
  /** The most frames a scenario sends (the options of an "after which frame" question). */
  maxFrames: number;
}

const header: Scenario[] = [
  (rng) => ({
    role: 'server',
    frames: [fromClient(rng, { opcode: rng.pick([1, 2]), payload: word(rng) })],
    story: `${TO_SERVER} ${NO_EXTENSION}`,
  }),
  (rng) => ({
    role: 'server',
    frames: [
      fromClient(rng, { opcode: 1, payload: word(rng), [rng.pick(['rsv1', 'rsv2', 'rsv3'] as const)]: true }),
    ],
    story: `${TO_SERVER} ${NO_EXTENSION}`,
  }),
  (rng) => ({
    role: 'server',
    frames: [
      fromClient(rng, { opcode: rng.pick([3, 4, 5, 6, 7, 0xb, 0xc, 0xd, 0xe, 0xf]), payload: word(rng) }),
    ],
    story: `${TO_SERVER} ${NO_EXTENSION}`,
  }),
  (rng) => ({
    role: 'server',
    frames: [fromClient(rng, { opcode: rng.pick([9, 10]), payload: word(rng) })],
    story: `${TO_SERVER} ${NO_EXTENSION}`,
  }),
];

/** A server frame with a 64-bit length whose top bit is set (no payload follows: the header is enough). */
function topBitFrame(rng: Rng): Uint8Array {
  return Uint8Array.of(0x82, 0x7f, 0x80 | rng.int(0, 0x7f), 0, 0, 0, 0, 0, 0, rng.int(1, 255));
}

const length: Scenario[] = [
  (rng) => ({
    role: 'client',
    frames: [fromServer({ opcode: 2, payload: rng.bytes(rng.int(126, 300)) })],
    story: TO_CLIENT,
  }),
  (rng) => ({
    role: 'client',
    frames: [fromServer({ opcode: 2, payload: rng.bytes(rng.int(0, 20)), length: '16' })],
    story: TO_CLIENT,
  }),
  (rng) => ({
    role: 'client',
    frames: [fromServer({ opcode: 2, payload: rng.bytes(rng.int(0, 300)), length: '64' })],
    story: TO_CLIENT,
  }),
  (rng) => ({
    role: 'client',
    frames: [topBitFrame(rng)],
    story: `${TO_CLIENT} (Only the header is shown; the payload would follow.)`,
  }),
  (rng) => ({ role: 'client', frames: [fromServer({ opcode: 1, payload: word(rng) })], story: TO_CLIENT }),
];

const masking: Scenario[] = [
  (rng) => ({
    role: 'server',
    frames: [fromClient(rng, { opcode: 1, payload: word(rng) })],
    story: TO_SERVER,
  }),
  (rng) => ({
    role: 'server',
    frames: [fromClient(rng, { opcode: 1, payload: word(rng), mask: null })],
    story: TO_SERVER,
  }),
  (rng) => ({ role: 'client', frames: [fromServer({ opcode: 1, payload: word(rng) })], story: TO_CLIENT }),
  (rng) => ({
    role: 'client',
    frames: [fromServer({ opcode: 1, payload: word(rng), mask: rng.bytes(4) })],
    story: TO_CLIENT,
  }),
];

const fragments: Scenario[] = [
  (rng) => ({
    role: 'client',
    frames: [
      fromServer({ opcode: 1, fin: false, payload: word(rng) }),
      fromServer({ opcode: 9, payload: word(rng) }),
      fromServer({ opcode: 0, payload: word(rng) }),
    ],
    story: TO_CLIENT,
  }),
  (rng) => ({
    role: 'client',
    frames: [
      fromServer({ opcode: 1, fin: false, payload: word(rng) }),
      fromServer({ opcode: rng.pick([1, 2]), payload: word(rng) }),
    ],
    story: TO_CLIENT,
  }),
  (rng) => ({
    role: 'client',
    frames: [fromServer({ opcode: 0, payload: word(rng) })],
    story: `${TO_CLIENT} They are the first frames of the connection.`,
  }),
  (rng) => ({
    role: 'client',
    frames: [
      fromServer({ opcode: 2, fin: false, payload: rng.bytes(3) }),
      fromServer({ opcode: 0, fin: false, payload: rng.bytes(3) }),
      fromServer({ opcode: 0, payload: rng.bytes(2) }),
    ],
    story: TO_CLIENT,
  }),
  (rng) => ({
    role: 'client',
    frames: [
      fromServer({ opcode: 1, fin: false, payload: word(rng) }),
      fromServer({ opcode: 0, payload: word(rng) }),
      fromServer({ opcode: 0, payload: word(rng) }),
    ],
    story: TO_CLIENT,
  }),
];

const control: Scenario[] = [
  (rng) => ({
    role: 'client',
    frames: [fromServer({ opcode: 9, payload: rng.bytes(rng.int(126, 140)) })],
    story: TO_CLIENT,
  }),
  (rng) => ({
    role: 'client',
    frames: [
      fromServer({ opcode: rng.pick([9, 10]), fin: false, payload: word(rng) }),
      fromServer({ opcode: 0, payload: word(rng) }),
    ],
    story: TO_CLIENT,
  }),
  (rng) => ({
    role: 'client',
    frames: [
      fromServer({ opcode: 1, fin: false, payload: word(rng) }),
      fromServer({ opcode: 10, payload: word(rng) }),
      fromServer({ opcode: 0, payload: word(rng) }),
    ],
    story: TO_CLIENT,
  }),
  (rng) => ({
    role: 'client',
    frames: [fromServer({ opcode: 9, payload: rng.bytes(125) })],
    story: TO_CLIENT,
  }),
];

const BAD_UTF8 = [[0xff], [0xc0, 0x80], [0x80], [0xed, 0xa0, 0x80], [0xe2, 0x28, 0xa1]];

const close: Scenario[] = [
  (rng) => ({
    role: 'client',
    frames: [
      fromServer({
        opcode: 8,
        payload: encodeClosePayload(rng.pick([1000, 1001, 4000]), rng.pick(['', 'bye', 'done'])),
      }),
    ],
    story: TO_CLIENT,
  }),
  (rng) => ({
    role: 'client',
    frames: [fromServer({ opcode: 8, payload: Uint8Array.of(rng.int(0, 255)) })],
    story: TO_CLIENT,
  }),
  (rng) => {
    const code = rng.pick([1005, 1006, 1015, 999, 1016, 2999, 5000]);
    return {
      role: 'client',
      frames: [fromServer({ opcode: 8, payload: Uint8Array.of(code >> 8, code & 0xff) })],
      story: TO_CLIENT,
    };
  },
  (rng) => ({
    role: 'client',
    frames: [fromServer({ opcode: 8, payload: Uint8Array.of(0x03, 0xe8, 0x6f, ...rng.pick(BAD_UTF8)) })],
    story: TO_CLIENT,
  }),
];

/** A text whose UTF-8 has a multi-byte character, cut inside that character. */
function splitInsideCharacter(rng: Rng): [Uint8Array, Uint8Array] {
  const bytes = utf8(rng.pick(['héllo', 'naïve', 'Grüße', '✓ done', '€5']));
  const lead = bytes.findIndex((b) => b >= 0xc0);
  return [bytes.subarray(0, lead + 1), bytes.subarray(lead + 1)];
}

const text: Scenario[] = [
  (rng) => {
    const [a, b] = splitInsideCharacter(rng);
    return {
      role: 'client',
      frames: [fromServer({ opcode: 1, fin: false, payload: a }), fromServer({ opcode: 0, payload: b })],
      story: TO_CLIENT,
    };
  },
  (rng) => ({
    role: 'client',
    frames: [
      fromServer({ opcode: 1, fin: false, payload: Uint8Array.of(0x61, ...rng.pick(BAD_UTF8), 0x62) }),
      fromServer({ opcode: 0, payload: word(rng) }),
    ],
    story: TO_CLIENT,
  }),
  (rng) => ({
    role: 'client',
    frames: [
      fromServer({ opcode: 2, fin: false, payload: Uint8Array.of(0x61, ...rng.pick(BAD_UTF8)) }),
      fromServer({ opcode: 0, payload: word(rng) }),
    ],
    story: TO_CLIENT,
  }),
  (rng) => {
    const [a] = splitInsideCharacter(rng);
    return {
      role: 'client',
      frames: [
        fromServer({ opcode: 1, fin: false, payload: word(rng) }),
        fromServer({ opcode: 0, payload: a }),
      ],
      story: TO_CLIENT,
    };
  },
];

const PMD = 'permessage-deflate was negotiated with no parameters.';

const deflate: Scenario[] = [
  (rng) => ({
    role: 'client',
    frames: encodeMessage({ opcode: 1, data: word(rng), deflater: createDeflater({}, 'server') }),
    permessageDeflate: {},
    story: `${TO_CLIENT} ${PMD}`,
  }),
  (rng) => {
    const compressed = createDeflater({}, 'server').deflate(utf8(`${rng.pick(WORDS)} ${rng.pick(WORDS)}`));
    const cut = Math.max(1, compressed.length >> 1);
    return {
      role: 'client',
      frames: [
        fromServer({ opcode: 1, fin: false, rsv1: true, payload: compressed.subarray(0, cut) }),
        fromServer({ opcode: 0, rsv1: true, payload: compressed.subarray(cut) }),
      ],
      permessageDeflate: {},
      story: `${TO_CLIENT} ${PMD}`,
    };
  },
  (rng) => ({
    role: 'client',
    frames: [fromServer({ opcode: 9, rsv1: true, payload: word(rng) })],
    permessageDeflate: {},
    story: `${TO_CLIENT} ${PMD}`,
  }),
  (rng) => ({
    role: 'client',
    frames: encodeMessage({ opcode: 1, data: word(rng), deflater: createDeflater({}, 'server') }),
    story: `${TO_CLIENT} ${NO_EXTENSION}`,
  }),
  (rng) => ({
    role: 'client',
    frames: [fromServer({ opcode: 1, rsv1: true, payload: Uint8Array.of(0xff, rng.int(0, 255), 0xff) })],
    permessageDeflate: {},
    story: `${TO_CLIENT} ${PMD}`,
  }),
];

const security: Scenario[] = [
  (rng) => ({
    role: 'server',
    frames: [fromClient(rng, { opcode: 1, payload: word(rng), mask: null })],
    story: TO_SERVER,
  }),
  (rng) => ({
    role: 'server',
    frames: [fromClient(rng, { opcode: 2, payload: rng.bytes(rng.int(1025, 1200)) })],
    maxMessageSize: 1024,
    story: `${TO_SERVER} The server accepts messages of at most 1,024 bytes.`,
  }),
  (rng) => ({
    role: 'server',
    frames: [
      fromClient(rng, { opcode: 2, fin: false, payload: rng.bytes(600) }),
      fromClient(rng, { opcode: 0, payload: rng.bytes(600) }),
    ],
    maxMessageSize: 1024,
    story: `${TO_SERVER} The server accepts messages of at most 1,024 bytes.`,
  }),
  (rng) => ({
    role: 'server',
    frames: [fromClient(rng, { opcode: 1, payload: Uint8Array.of(0x61, ...rng.pick(BAD_UTF8)) })],
    story: TO_SERVER,
  }),
  (rng) => ({
    role: 'server',
    frames: [fromClient(rng, { opcode: 2, payload: rng.bytes(rng.int(10, 1000)) })],
    maxMessageSize: 1024,
    story: `${TO_SERVER} The server accepts messages of at most 1,024 bytes.`,
  }),
];

const CODES = ['none', '1002', '1007', '1009'];

export const SCENARIOS = {
  header: {
    scenarios: header,
    outcomes: ['reserved-bit-set', 'reserved-opcode'],
    codes: CODES,
    maxFrames: 1,
  },
  length: {
    scenarios: length,
    outcomes: ['non-minimal-length', 'length-top-bit-set'],
    codes: CODES,
    maxFrames: 1,
  },
  masking: {
    scenarios: masking,
    outcomes: ['unmasked-client-frame', 'masked-server-frame'],
    codes: CODES,
    maxFrames: 1,
  },
  fragments: {
    scenarios: fragments,
    outcomes: ['expected-continuation', 'unexpected-continuation'],
    codes: CODES,
    maxFrames: 3,
  },
  control: {
    scenarios: control,
    outcomes: ['control-frame-too-long', 'control-frame-fragmented'],
    codes: CODES,
    maxFrames: 3,
  },
  close: {
    scenarios: close,
    outcomes: ['close-payload-one-byte', 'close-code-invalid', 'close-reason-invalid-utf8'],
    codes: ['1000', '1001', '1002', '1007', '4000'],
    maxFrames: 1,
  },
  text: { scenarios: text, outcomes: ['invalid-utf8'], codes: CODES, maxFrames: 2 },
  deflate: {
    scenarios: deflate,
    outcomes: ['rsv1-on-continuation', 'rsv1-on-control-frame', 'reserved-bit-set', 'inflate-failed'],
    codes: CODES,
    maxFrames: 2,
  },
  security: {
    scenarios: security,
    outcomes: ['unmasked-client-frame', 'message-too-big', 'invalid-utf8'],
    codes: CODES,
    maxFrames: 2,
  },
} satisfies Record<string, ScenarioSetDef>;

export type ScenarioSet = keyof typeof SCENARIOS;
