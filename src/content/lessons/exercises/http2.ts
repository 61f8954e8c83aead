/**
 * Lesson 14: WebSockets over HTTP/2 (RFC 8441) and HTTP/3 (RFC 9220). The SETTINGS payloads are read back with
 * the capture importer's `readSettings`, the header blocks with its HPACK decoder (`src/capture/http2`), so the
 * answers come from the same code that decodes real h2c captures; the request check follows RFC 8441 §4–§5.
 */
import { readSettings, SETTING_NAMES } from '../../../capture/http2/frames';
import { HpackDecoder } from '../../../capture/http2/hpack';
import { STATIC_TABLE } from '../../../capture/http2/hpack-tables';
import { toHex } from '../../../codec/hex';
import { createRng, type Rng } from './prng';
import type { Exercise } from './types';

const ENABLE_CONNECT_PROTOCOL = 0x8;

/** A SETTINGS payload: 6 bytes per entry, a 16-bit id and a 32-bit value (RFC 9113 §6.5.1). */
function settingsPayload(entries: readonly { id: number; value: number }[]): Uint8Array {
  const out = new Uint8Array(entries.length * 6);
  const view = new DataView(out.buffer);
  entries.forEach((e, i) => {
    view.setUint16(i * 6, e.id);
    view.setUint32(i * 6 + 2, e.value);
  });
  return out;
}

/** Does this server's SETTINGS frame let a client open a WebSocket with extended CONNECT? */
export function connectSetting(seed: number): Exercise {
  const rng = createRng(seed);
  const others = [
    { id: 0x1, value: rng.pick([4096, 65536]) },
    { id: 0x3, value: rng.pick([100, 128, 250]) },
    { id: 0x4, value: rng.pick([65535, 1048576]) },
    { id: 0x6, value: rng.pick([8192, 16384]) },
  ].filter(() => rng.chance(0.6));
  const variant = rng.pick(['on', 'on', 'off', 'absent'] as const);
  const entries = [...others];
  if (variant !== 'absent') {
    entries.splice(rng.int(0, entries.length), 0, {
      id: ENABLE_CONNECT_PROTOCOL,
      value: variant === 'on' ? 1 : 0,
    });
  }
  const payload = settingsPayload(entries);
  // The judge: the importer's own SETTINGS reader.
  const read = readSettings(payload);
  const index = read.findIndex((s) => s.id === ENABLE_CONNECT_PROTOCOL);
  const entry = read[index];
  const allowed = entry?.value === 1;
  const where = `entry ${index + 1} (bytes ${index * 6 + 1}–${index * 6 + 6}: ${toHex(payload.subarray(index * 6, index * 6 + 6))})`;
  const listed = read
    .map((s) => `${SETTING_NAMES[s.id] ?? `0x${s.id.toString(16)}`} = ${s.value}`)
    .join(', ');
  return {
    prompt: [
      'A client connected over HTTP/2 (cleartext h2c, prior knowledge) wants to open a WebSocket. The server’s first SETTINGS frame carries the payload below: 6 bytes per setting, a 16-bit identifier then a 32-bit value.',
      'May the client send an extended CONNECT with `:protocol websocket` now?',
    ],
    shown: [
      {
        label: 'SETTINGS payload (server → client)',
        bytes: payload,
        regions: read.map((s, i) => ({
          start: i * 6,
          end: i * 6 + 6,
          tone: s.id === ENABLE_CONNECT_PROTOCOL ? 'opcode' : 'payload',
        })),
      },
    ],
    input: {
      kind: 'choice',
      label: 'Extended CONNECT allowed?',
      options: [
        { value: 'yes', label: 'Yes: the server enabled it' },
        { value: 'no', label: 'No: the client must not use it' },
      ],
    },
    answer: allowed ? 'yes' : 'no',
    answerText: allowed ? 'yes' : 'no',
    why: allowed
      ? `SETTINGS_ENABLE_CONNECT_PROTOCOL (identifier 0x8) is ${where}, with value 1 (RFC 8441 §3). The settings read: ${listed}.`
      : entry
        ? `SETTINGS_ENABLE_CONNECT_PROTOCOL (identifier 0x8) is ${where}, but its value is 0: the server does not support extended CONNECT (RFC 8441 §3).`
        : `No entry has identifier 0x8 (SETTINGS_ENABLE_CONNECT_PROTOCOL), and a setting that is not sent keeps its default, 0: the client must not use extended CONNECT (RFC 8441 §3). The settings read: ${listed || 'none'}.`,
    mistakes: [
      {
        answer: allowed ? 'no' : 'yes',
        message: allowed
          ? `Look for identifier 00 08: it is ${where}, and its value 00 00 00 01 means enabled (RFC 8441 §3).`
          : entry
            ? `Identifier 00 08 is there, ${where}, but its value is 0, which means “not supported”: sending the setting is not enough, the value must be 1 (RFC 8441 §3).`
            : 'None of the 6-byte entries starts with 00 08. A server that does not send SETTINGS_ENABLE_CONNECT_PROTOCOL does not support it (default 0), and the client must not send a CONNECT with `:protocol` (RFC 8441 §3).',
      },
    ],
    otherwise: () => 'Find the entry whose first two bytes are 00 08, then read its 4-byte value.',
  };
}

interface Field {
  name: string;
  value: string;
}

type Problem = 'valid' | 'method' | 'protocol' | 'path' | 'key' | 'connection';

const PROBLEM_LABELS: Record<Problem, string> = {
  valid: 'Nothing: it is a valid extended CONNECT',
  method: ':method is wrong',
  protocol: ':protocol is missing',
  path: ':path or :scheme is missing',
  key: 'It carries sec-websocket-key',
  connection: 'It carries a connection-specific header (upgrade or connection)',
};

/**
 * What is wrong with an extended CONNECT request that opens a WebSocket, or `valid` (RFC 8441 §4–§5, with
 * RFC 9113 §8.2.2 for connection-specific headers). The first problem found is reported.
 */
export function extendedConnectProblem(fields: readonly Field[]): Problem {
  const get = (n: string): string | undefined => fields.find((f) => f.name === n)?.value;
  if (get(':method') !== 'CONNECT') return 'method';
  if (get(':protocol') !== 'websocket') return 'protocol';
  if (get(':path') === undefined || get(':scheme') === undefined) return 'path';
  if (get('sec-websocket-key') !== undefined) return 'key';
  if (get('upgrade') !== undefined || get('connection') !== undefined) return 'connection';
  return 'valid';
}

const PROBLEM_WHY: Record<Problem, string> = {
  valid:
    'It has `:method CONNECT`, `:protocol websocket`, `:scheme`, `:path` and `:authority`, no Sec-WebSocket-Key and no connection-specific header (RFC 8441 §4–§5).',
  method:
    'An extended CONNECT is a CONNECT: `:method` must be `CONNECT` (RFC 8441 §4). `GET` with Upgrade is the HTTP/1.1 handshake, which HTTP/2 cannot do.',
  protocol:
    'Without `:protocol websocket` it is a plain CONNECT, which opens a TCP tunnel to `:authority`, not a WebSocket (RFC 8441 §4–§5).',
  path: 'A CONNECT with `:protocol` must also carry `:scheme` and `:path`, which a plain CONNECT must not (RFC 8441 §4).',
  key: 'Sec-WebSocket-Key and Sec-WebSocket-Accept are not used over HTTP/2: the stream itself proves both sides speak the protocol (RFC 8441 §5).',
  connection:
    'HTTP/2 forbids connection-specific headers such as `Upgrade` and `Connection` (RFC 9113 §8.2.2): a peer treats the request as malformed. The upgrade is said by `:protocol` instead.',
};

function requestFields(rng: Rng, broken: Problem): Field[] {
  const host = rng.pick(['example.com', 'chat.example.org', 'localhost:8443', 'api.example.net']);
  const path = rng.pick(['/chat', '/ws', '/live?room=7', '/socket', '/feed']);
  const fields: Field[] = [
    { name: ':method', value: broken === 'method' ? 'GET' : 'CONNECT' },
    ...(broken === 'protocol' ? [] : [{ name: ':protocol', value: 'websocket' }]),
    ...(broken === 'path' ? [] : [{ name: ':scheme', value: rng.pick(['https', 'http']) }]),
    ...(broken === 'path' ? [] : [{ name: ':path', value: path }]),
    { name: ':authority', value: host },
    { name: 'sec-websocket-version', value: '13' },
  ];
  if (rng.chance(0.5))
    fields.push({ name: 'sec-websocket-protocol', value: rng.pick(['chat', 'mqtt', 'v1.json']) });
  if (rng.chance(0.4)) fields.push({ name: 'origin', value: `https://${host.replace(/:\d+$/, '')}` });
  if (broken === 'key') {
    fields.push({ name: 'sec-websocket-key', value: btoa(String.fromCharCode(...rng.bytes(16))) });
  }
  if (broken === 'connection') {
    fields.push(
      rng.chance(0.5) ? { name: 'upgrade', value: 'websocket' } : { name: 'connection', value: 'Upgrade' },
    );
  }
  return fields;
}

/** Is this HTTP/2 request a valid extended CONNECT for a WebSocket, and if not, why? */
export function extendedConnect(seed: number): Exercise {
  const rng = createRng(seed);
  const broken = rng.pick<Problem>(['valid', 'valid', 'method', 'protocol', 'path', 'key', 'connection']);
  const fields = requestFields(rng, broken);
  const answer = extendedConnectProblem(fields);
  const mistakeFor = (p: Problem): string =>
    p === 'valid'
      ? `Not valid: ${PROBLEM_WHY[answer]}`
      : answer === 'valid'
        ? `That one is fine here. ${PROBLEM_WHY.valid}`
        : `That is not the problem with this request. ${PROBLEM_WHY[answer]}`;
  return {
    prompt: [
      'A client sends this HEADERS frame on a new stream of an HTTP/2 connection whose server sent SETTINGS_ENABLE_CONNECT_PROTOCOL = 1. Predict how the server judges it.',
      '```' + fields.map((f) => `${f.name}: ${f.value}`).join('\n'),
    ],
    input: {
      kind: 'choice',
      label: 'What is wrong with it?',
      options: (Object.keys(PROBLEM_LABELS) as Problem[]).map((p) => ({
        value: p,
        label: PROBLEM_LABELS[p],
      })),
    },
    answer,
    answerText: PROBLEM_LABELS[answer],
    why: PROBLEM_WHY[answer],
    mistakes: (Object.keys(PROBLEM_LABELS) as Problem[])
      .filter((p) => p !== answer)
      .map((p) => ({ answer: p, message: mistakeFor(p) })),
    otherwise: () =>
      'Check the pseudo-headers first (`:method`, `:protocol`, `:scheme`, `:path`), then the rest.',
  };
}

/** The server accepts: which `:status` does it answer with? */
export function acceptStatus(seed: number): Exercise {
  const rng = createRng(seed);
  const version = rng.pick(['HTTP/2', 'HTTP/3']);
  const path = rng.pick(['/chat', '/ws', '/live', '/socket', '/feed', '/echo']);
  const sub = rng.pick(['chat', 'mqtt', 'graphql-transport-ws', 'v12.stomp']);
  return {
    prompt: [
      `Over ${version}, a client sends an extended CONNECT for \`${path}\` with \`:protocol websocket\` and \`sec-websocket-protocol: ${sub}\`. The server accepts and picks \`${sub}\`.`,
      'Which `:status` does its HEADERS frame carry?',
    ],
    input: { kind: 'text', label: ':status' },
    answer: '200',
    answerText: '200',
    why: `A CONNECT succeeds with a 2xx status, and RFC 8441 §5 answers with \`:status 200\` (RFC 9220 keeps it for HTTP/3). The response carries \`sec-websocket-protocol: ${sub}\` and no Sec-WebSocket-Accept; from then on the ${version === 'HTTP/2' ? 'DATA frames of this stream' : 'bytes of this QUIC stream, in HTTP/3 DATA frames,'} carry WebSocket frames.`,
    mistakes: [
      {
        answer: '101',
        message: `101 Switching Protocols is the HTTP/1.1 upgrade (RFC 6455 §4.2.2). ${version} has no 101 and no Upgrade: the stream is already open, so success is a 2xx, and RFC 8441 §5 uses 200.`,
      },
      {
        answer: '426',
        message: '426 Upgrade Required is a refusal asking for another protocol version, not an acceptance.',
      },
      {
        answer: '204',
        message:
          'A 2xx, yes, but 204 No Content would promise no body: the WebSocket bytes are the body of the stream. RFC 8441 §5 answers 200.',
      },
    ],
    otherwise: (given) =>
      `\`${given}\` is not it: an accepted CONNECT answers with a 2xx, and RFC 8441 §5 uses 200.`,
  };
}

/** One HPACK "literal header field without indexing" (RFC 7541 §6.2.2), no Huffman coding, short strings. */
function literalField(name: string, value: string): { bytes: number[]; nameIndex: number } {
  const enc = new TextEncoder();
  const v = [...enc.encode(value)];
  const nameIndex = STATIC_TABLE.findIndex(([n]) => n === name) + 1;
  if (nameIndex > 0 && nameIndex < 15) return { bytes: [nameIndex, v.length, ...v], nameIndex };
  const n = [...enc.encode(name)];
  return { bytes: [0x00, n.length, ...n, v.length, ...v], nameIndex: 0 };
}

/** Decode one HPACK-encoded header field of an extended CONNECT; the judge is the importer's HPACK decoder. */
export function hpackField(seed: number): Exercise {
  const rng = createRng(seed);
  const field = rng.pick<Field>([
    { name: ':protocol', value: 'websocket' },
    { name: ':path', value: rng.pick(['/chat', '/ws', '/live', '/feed']) },
    { name: ':authority', value: rng.pick(['example.com', 'localhost', 'chat.example.org']) },
    { name: ':method', value: 'CONNECT' },
    { name: 'sec-websocket-protocol', value: rng.pick(['chat', 'mqtt', 'soap']) },
    { name: 'sec-websocket-version', value: '13' },
  ]);
  const { bytes, nameIndex } = literalField(field.name, field.value);
  const block = Uint8Array.from(bytes);
  const decoded = new HpackDecoder().decode(block);
  const got = decoded.headers[0];
  if (!got || decoded.error)
    throw new Error(`hpackField built a block its decoder rejects: ${decoded.error}`);
  const answer = `${got.name}: ${got.value}`;
  const zeroBased = nameIndex > 0 ? STATIC_TABLE[nameIndex] : undefined;
  const mistakes =
    zeroBased && zeroBased[0] !== got.name
      ? [
          {
            answer: `${zeroBased[0]}: ${got.value}`,
            message: `The static table counts from 1 (RFC 7541 §2.3.1): index ${nameIndex} is \`${got.name}\`; \`${zeroBased[0]}\` is index ${nameIndex + 1}.`,
          },
        ]
      : [];
  mistakes.push({
    answer: `${got.name}: ${got.value.slice(1)}`,
    message: `The byte after the name is the value’s length (${got.value.length}), not part of the value: the value is the ${got.value.length} bytes after it.`,
  });
  return {
    prompt: [
      'This header block is one HPACK “literal header field without indexing” (first byte 0000 xxxx, RFC 7541 §6.2.2), with no Huffman coding. The low 4 bits index the name in the static table (RFC 7541 Appendix A), or are 0 when the name follows as a literal; each string is a length byte then the bytes.',
      'Which header does it encode? Type it as `name: value`.',
    ],
    shown: [{ label: 'HPACK header block', bytes: block }],
    input: { kind: 'text', label: 'Header (name: value)' },
    answer,
    answerText: `\`${answer}\``,
    why:
      nameIndex > 0
        ? `The first byte 0x0${nameIndex.toString(16)} names static table entry ${nameIndex}, \`${got.name}\`; then length ${got.value.length} and the bytes of \`${got.value}\`.`
        : `The first byte 0x00 means a literal name: length ${new TextEncoder().encode(got.name).length}, \`${got.name}\`, then length ${got.value.length}, \`${got.value}\`. \`${got.name}\` is not in the static table${got.name === ':protocol' ? ': RFC 8441 added the pseudo-header after HPACK was written' : ''}.`,
    mistakes,
    otherwise: (given) =>
      given.includes(':') && !given.includes(': ')
        ? 'Type it as `name: value`, with a space after the colon, names in lower case.'
        : 'Read the first byte’s low 4 bits as a static table index (0 means the name follows), then each length byte and its string.',
  };
}
