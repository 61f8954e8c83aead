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
import type { Built, Scenario } from './verdict';

const utf8 = (s: string) => new TextEncoder().encode(s);
const word = (rng: Rng) => utf8(rng.pick(WORDS));
/** A frame from the client: always masked unless `mask: null` is given. */
const fromClient = (rng: Rng, spec: FrameSpec) =>
  encodeFrame({ mask: rng.bytes(4), allowInvalid: true, ...spec });
const fromServer = (spec: FrameSpec) => encodeFrame({ allowInvalid: true, ...spec });

/** Who receives the frames, the sentences that say so, and what the handshake agreed. */
type Setting = Omit<Built, 'frames'>;

const AT_SERVER: Setting = { role: 'server', story: 'A server receives these frames from a client.' };
const AT_CLIENT: Setting = { role: 'client', story: 'A client receives these frames from a server.' };
const NO_EXTENSION = 'No extension was negotiated.';
/** The setting with one more sentence of story. */
const told = (setting: Setting, sentence: string): Setting => ({
  ...setting,
  story: `${setting.story} ${sentence}`,
});
const AT_SERVER_PLAIN = told(AT_SERVER, NO_EXTENSION);
const AT_CLIENT_DEFLATE: Setting = {
  ...told(AT_CLIENT, 'permessage-deflate was negotiated with no parameters.'),
  permessageDeflate: {},
};
const AT_SERVER_LIMITED: Setting = {
  ...told(AT_SERVER, 'The server accepts messages of at most 1,024 bytes.'),
  maxMessageSize: 1024,
};

/** A scenario: these frames, received in this setting. */
const scenario =
  (setting: Setting, frames: (rng: Rng) => Uint8Array[]): Scenario =>
  (rng) => ({ ...setting, frames: frames(rng) });

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
  scenario(AT_SERVER_PLAIN, (rng) => [fromClient(rng, { opcode: rng.pick([1, 2]), payload: word(rng) })]),
  scenario(AT_SERVER_PLAIN, (rng) => [
    fromClient(rng, { opcode: 1, payload: word(rng), [rng.pick(['rsv1', 'rsv2', 'rsv3'] as const)]: true }),
  ]),
  scenario(AT_SERVER_PLAIN, (rng) => [
    fromClient(rng, { opcode: rng.pick([3, 4, 5, 6, 7, 0xb, 0xc, 0xd, 0xe, 0xf]), payload: word(rng) }),
  ]),
  scenario(AT_SERVER_PLAIN, (rng) => [fromClient(rng, { opcode: rng.pick([9, 10]), payload: word(rng) })]),
];

/** A server frame with a 64-bit length whose top bit is set (no payload follows: the header is enough). */
function topBitFrame(rng: Rng): Uint8Array {
  return Uint8Array.of(0x82, 0x7f, 0x80 | rng.int(0, 0x7f), 0, 0, 0, 0, 0, 0, rng.int(1, 255));
}

const length: Scenario[] = [
  scenario(AT_CLIENT, (rng) => [fromServer({ opcode: 2, payload: rng.bytes(rng.int(126, 300)) })]),
  scenario(AT_CLIENT, (rng) => [fromServer({ opcode: 2, payload: rng.bytes(rng.int(0, 20)), length: '16' })]),
  scenario(AT_CLIENT, (rng) => [
    fromServer({ opcode: 2, payload: rng.bytes(rng.int(0, 300)), length: '64' }),
  ]),
  scenario(told(AT_CLIENT, '(Only the header is shown; the payload would follow.)'), (rng) => [
    topBitFrame(rng),
  ]),
  scenario(AT_CLIENT, (rng) => [fromServer({ opcode: 1, payload: word(rng) })]),
];

const masking: Scenario[] = [
  scenario(AT_SERVER, (rng) => [fromClient(rng, { opcode: 1, payload: word(rng) })]),
  scenario(AT_SERVER, (rng) => [fromClient(rng, { opcode: 1, payload: word(rng), mask: null })]),
  scenario(AT_CLIENT, (rng) => [fromServer({ opcode: 1, payload: word(rng) })]),
  scenario(AT_CLIENT, (rng) => [fromServer({ opcode: 1, payload: word(rng), mask: rng.bytes(4) })]),
];

const fragments: Scenario[] = [
  scenario(AT_CLIENT, (rng) => [
    fromServer({ opcode: 1, fin: false, payload: word(rng) }),
    fromServer({ opcode: 9, payload: word(rng) }),
    fromServer({ opcode: 0, payload: word(rng) }),
  ]),
  scenario(AT_CLIENT, (rng) => [
    fromServer({ opcode: 1, fin: false, payload: word(rng) }),
    fromServer({ opcode: rng.pick([1, 2]), payload: word(rng) }),
  ]),
  scenario(told(AT_CLIENT, 'They are the first frames of the connection.'), (rng) => [
    fromServer({ opcode: 0, payload: word(rng) }),
  ]),
  scenario(AT_CLIENT, (rng) => [
    fromServer({ opcode: 2, fin: false, payload: rng.bytes(3) }),
    fromServer({ opcode: 0, fin: false, payload: rng.bytes(3) }),
    fromServer({ opcode: 0, payload: rng.bytes(2) }),
  ]),
  scenario(AT_CLIENT, (rng) => [
    fromServer({ opcode: 1, fin: false, payload: word(rng) }),
    fromServer({ opcode: 0, payload: word(rng) }),
    fromServer({ opcode: 0, payload: word(rng) }),
  ]),
];

const control: Scenario[] = [
  scenario(AT_CLIENT, (rng) => [fromServer({ opcode: 9, payload: rng.bytes(rng.int(126, 140)) })]),
  scenario(AT_CLIENT, (rng) => [
    fromServer({ opcode: rng.pick([9, 10]), fin: false, payload: word(rng) }),
    fromServer({ opcode: 0, payload: word(rng) }),
  ]),
  scenario(AT_CLIENT, (rng) => [
    fromServer({ opcode: 1, fin: false, payload: word(rng) }),
    fromServer({ opcode: 10, payload: word(rng) }),
    fromServer({ opcode: 0, payload: word(rng) }),
  ]),
  scenario(AT_CLIENT, (rng) => [fromServer({ opcode: 9, payload: rng.bytes(125) })]),
];

const BAD_UTF8 = [[0xff], [0xc0, 0x80], [0x80], [0xed, 0xa0, 0x80], [0xe2, 0x28, 0xa1]];

const close: Scenario[] = [
  scenario(AT_CLIENT, (rng) => [
    fromServer({
      opcode: 8,
      payload: encodeClosePayload(rng.pick([1000, 1001, 4000]), rng.pick(['', 'bye', 'done'])),
    }),
  ]),
  scenario(AT_CLIENT, (rng) => [fromServer({ opcode: 8, payload: Uint8Array.of(rng.int(0, 255)) })]),
  scenario(AT_CLIENT, (rng) => {
    const code = rng.pick([1005, 1006, 1015, 999, 1016, 2999, 5000]);
    return [fromServer({ opcode: 8, payload: Uint8Array.of(code >> 8, code & 0xff) })];
  }),
  scenario(AT_CLIENT, (rng) => [
    fromServer({ opcode: 8, payload: Uint8Array.of(0x03, 0xe8, 0x6f, ...rng.pick(BAD_UTF8)) }),
  ]),
];

/** A text whose UTF-8 has a multi-byte character, cut inside that character. */
function splitInsideCharacter(rng: Rng): [Uint8Array, Uint8Array] {
  const bytes = utf8(rng.pick(['héllo', 'naïve', 'Grüße', '✓ done', '€5']));
  const lead = bytes.findIndex((b) => b >= 0xc0);
  return [bytes.subarray(0, lead + 1), bytes.subarray(lead + 1)];
}

const text: Scenario[] = [
  scenario(AT_CLIENT, (rng) => {
    const [a, b] = splitInsideCharacter(rng);
    return [fromServer({ opcode: 1, fin: false, payload: a }), fromServer({ opcode: 0, payload: b })];
  }),
  scenario(AT_CLIENT, (rng) => [
    fromServer({ opcode: 1, fin: false, payload: Uint8Array.of(0x61, ...rng.pick(BAD_UTF8), 0x62) }),
    fromServer({ opcode: 0, payload: word(rng) }),
  ]),
  scenario(AT_CLIENT, (rng) => [
    fromServer({ opcode: 2, fin: false, payload: Uint8Array.of(0x61, ...rng.pick(BAD_UTF8)) }),
    fromServer({ opcode: 0, payload: word(rng) }),
  ]),
  scenario(AT_CLIENT, (rng) => {
    const [a] = splitInsideCharacter(rng);
    return [fromServer({ opcode: 1, fin: false, payload: word(rng) }), fromServer({ opcode: 0, payload: a })];
  }),
];

/** One compressed text message, as a server that compresses sends it. */
const compressed = (rng: Rng) =>
  encodeMessage({ opcode: 1, data: word(rng), deflater: createDeflater({}, 'server') });

const deflate: Scenario[] = [
  scenario(AT_CLIENT_DEFLATE, compressed),
  scenario(AT_CLIENT_DEFLATE, (rng) => {
    const bytes = createDeflater({}, 'server').deflate(utf8(`${rng.pick(WORDS)} ${rng.pick(WORDS)}`));
    const cut = Math.max(1, bytes.length >> 1);
    return [
      fromServer({ opcode: 1, fin: false, rsv1: true, payload: bytes.subarray(0, cut) }),
      fromServer({ opcode: 0, rsv1: true, payload: bytes.subarray(cut) }),
    ];
  }),
  scenario(AT_CLIENT_DEFLATE, (rng) => [fromServer({ opcode: 9, rsv1: true, payload: word(rng) })]),
  scenario(told(AT_CLIENT, NO_EXTENSION), compressed),
  scenario(AT_CLIENT_DEFLATE, (rng) => [
    fromServer({ opcode: 1, rsv1: true, payload: Uint8Array.of(0xff, rng.int(0, 255), 0xff) }),
  ]),
];

const security: Scenario[] = [
  scenario(AT_SERVER, (rng) => [fromClient(rng, { opcode: 1, payload: word(rng), mask: null })]),
  scenario(AT_SERVER_LIMITED, (rng) => [
    fromClient(rng, { opcode: 2, payload: rng.bytes(rng.int(1025, 1200)) }),
  ]),
  scenario(AT_SERVER_LIMITED, (rng) => [
    fromClient(rng, { opcode: 2, fin: false, payload: rng.bytes(600) }),
    fromClient(rng, { opcode: 0, payload: rng.bytes(600) }),
  ]),
  scenario(AT_SERVER, (rng) => [
    fromClient(rng, { opcode: 1, payload: Uint8Array.of(0x61, ...rng.pick(BAD_UTF8)) }),
  ]),
  scenario(AT_SERVER_LIMITED, (rng) => [
    fromClient(rng, { opcode: 2, payload: rng.bytes(rng.int(10, 1000)) }),
  ]),
];

/** A set of scenarios: the most frames one sends, the violations they can lead to, and the close codes offered. */
const set = (
  scenarios: Scenario[],
  maxFrames: number,
  outcomes: ViolationId[],
  codes = ['none', '1002', '1007', '1009'],
): ScenarioSetDef => ({ scenarios, outcomes, codes, maxFrames });

export const SCENARIOS = {
  header: set(header, 1, ['reserved-bit-set', 'reserved-opcode']),
  length: set(length, 1, ['non-minimal-length', 'length-top-bit-set']),
  masking: set(masking, 1, ['unmasked-client-frame', 'masked-server-frame']),
  fragments: set(fragments, 3, ['expected-continuation', 'unexpected-continuation']),
  control: set(control, 3, ['control-frame-too-long', 'control-frame-fragmented']),
  close: set(
    close,
    1,
    ['close-payload-one-byte', 'close-code-invalid', 'close-reason-invalid-utf8'],
    ['1000', '1001', '1002', '1007', '4000'],
  ),
  text: set(text, 2, ['invalid-utf8']),
  deflate: set(deflate, 2, [
    'rsv1-on-continuation',
    'rsv1-on-control-frame',
    'reserved-bit-set',
    'inflate-failed',
  ]),
  security: set(security, 2, ['unmasked-client-frame', 'message-too-big', 'invalid-utf8']),
} satisfies Record<string, ScenarioSetDef>;

export type ScenarioSet = keyof typeof SCENARIOS;
