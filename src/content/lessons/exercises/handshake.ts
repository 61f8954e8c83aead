/**
 * Lessons 1–3: the HTTP upgrade, the server's checks and Sec-WebSocket-Accept. Answers come from
 * `buildRequest`, `validateRequest`, `validateResponse` and `acceptSteps`; mistaken answers from the same
 * functions given the mistaken input (the key without its padding, the key in lower case).
 */
import { acceptSteps, bytesToBase64, WEBSOCKET_GUID } from '../../../codec/handshake-accept';
import { buildRequest, buildResponse } from '../../../codec/handshake-build';
import { headerValues, parseRequest, parseResponse } from '../../../codec/handshake-http';
import { validateRequest } from '../../../codec/handshake-request';
import { validateResponse } from '../../../codec/handshake-response';
import type { RequestOptions } from '../../../codec/handshake-build';
import { createRng, type Rng } from './prng';
import type { Exercise } from './types';

const HOSTS = ['chat.example.com', 'game.example.org', 'localhost', 'ws.example.net', '10.0.0.7'];
const PATHS = ['/', '/chat', '/live?room=7', '/socket', '/v2/stream?token=abc'];

/** A fresh Sec-WebSocket-Key from the seed: 16 random bytes in base64, as a client makes one. */
export function seededKey(rng: Rng): string {
  return bytesToBase64(rng.bytes(16));
}

/** The request line and Host header for a ws:// or wss:// URL. */
export function requestForUrl(seed: number): Exercise {
  const rng = createRng(seed);
  const secure = rng.chance(0.5);
  const host = rng.pick(HOSTS);
  const port = rng.pick([null, secure ? 443 : 80, 8080, 9001]);
  const path = rng.pick(PATHS);
  const url = `${secure ? 'wss' : 'ws'}://${host}${port ? `:${port}` : ''}${path}`;
  // The URL parser knows ws and wss and drops their default ports (80 and 443), as RFC 6455 §3 defines them.
  const parsed = new URL(url);
  const request = parseRequest(
    buildRequest({ host: parsed.host, path: parsed.pathname + parsed.search, key: seededKey(rng) }),
  );
  const hostHeader = headerValues(request, 'host')[0] ?? '';
  const withPort = `${host}:${port ?? (secure ? 443 : 80)}`;
  return {
    prompt: [
      `A browser opens \`new WebSocket("${url}")\`.`,
      'What does it send as the value of the Host header?',
    ],
    input: { kind: 'text', label: 'Host header value' },
    answer: hostHeader,
    answerText: hostHeader,
    why:
      parsed.port === ''
        ? `The port is the default for ${secure ? 'wss (443)' : 'ws (80)'}, so it is left out, as for http and https.`
        : `The port is not the default for ${secure ? 'wss' : 'ws'}, so it is kept.`,
    mistakes: [
      {
        answer: url,
        message: 'Host carries only the host and port; the path and query go in the request line.',
      },
      {
        answer: withPort === hostHeader ? '' : withPort,
        message: `${port ?? (secure ? 443 : 80)} is the default port of ${secure ? 'wss' : 'ws'}, so Host leaves it out.`,
      },
      {
        answer: host,
        message: `The URL names port ${port}, which is not the default for ${secure ? 'wss' : 'ws'}: Host keeps it.`,
      },
    ],
    otherwise: () => `Host is the URL's host${parsed.port ? ' and its port' : ''}, nothing else.`,
  };
}

/** Is the connection now speaking WebSocket? The client's verdict on a server's response. */
export async function responseOpens(seed: number): Promise<Exercise> {
  const rng = createRng(seed);
  const key = seededKey(rng);
  const accept = (await acceptSteps(key)).accept;
  const variants: string[] = [
    buildResponse({ accept }),
    'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 0\r\n\r\n',
    buildResponse({ accept: (await acceptSteps(key.toLowerCase())).accept }),
    buildResponse({ accept, upgrade: null }),
    'HTTP/1.1 426 Upgrade Required\r\nSec-WebSocket-Version: 13\r\nContent-Length: 0\r\n\r\n',
  ];
  const text = rng.pick(variants);
  const result = await validateResponse(parseResponse(text), { key });
  const opens = result?.ok ?? false;
  const failed = result?.failedAt;
  const because = failed ? `${failed.title}: ${failed.detail} (${failed.rfc}).` : 'every check passes.';
  return {
    prompt: [
      `The client sent \`Sec-WebSocket-Key: ${key}\` and receives this response.`,
      '```' + text.trimEnd(),
      'Does the connection switch to WebSocket?',
    ],
    input: {
      kind: 'choice',
      label: 'Does the connection switch to WebSocket?',
      options: [
        { value: 'yes', label: 'Yes: from the next byte on, frames' },
        { value: 'no', label: 'No: the client fails the connection or stays in HTTP' },
      ],
    },
    answer: opens ? 'yes' : 'no',
    answerText: opens ? 'Yes' : 'No',
    why: opens
      ? `A 101 with Upgrade, Connection and the right Sec-WebSocket-Accept: ${because}`
      : `It fails at the check “${because}”`,
    mistakes: [
      {
        answer: opens ? 'no' : 'yes',
        message: opens
          ? 'Check each header: status 101, Upgrade: websocket, Connection: Upgrade, and an accept value that matches the key. All are right.'
          : `Not so: ${because}`,
      },
    ],
    otherwise: () => because,
  };
}

interface RequestDefect {
  options: Partial<RequestOptions>;
  raw?: (text: string) => string;
}

/** One request, valid or with one defect, for the server to judge. */
function defectiveRequest(rng: Rng, keyBytes = 16): string {
  const defects: RequestDefect[] = [
    { options: {} },
    { options: { upgrade: null } },
    { options: { connection: 'keep-alive' } },
    { options: { version: rng.pick(['8', '12', '7']) } },
    { options: { key: bytesToBase64(rng.bytes(rng.pick([8, 12, 20]))) } },
    { options: { method: 'POST' } },
    { options: { host: null } },
    { options: {}, raw: (t) => t.replace('HTTP/1.1', 'HTTP/1.0') },
    { options: { upgrade: 'WebSocket', connection: 'keep-alive, Upgrade' } },
  ];
  const d = rng.pick(defects);
  const text = buildRequest({
    host: rng.pick(HOSTS),
    path: rng.pick(PATHS),
    key: bytesToBase64(rng.bytes(keyBytes)),
    origin: rng.chance(0.5) ? 'https://example.com' : null,
    ...d.options,
  });
  return d.raw ? d.raw(text) : text;
}

/** 101, 400 or 426? */
export function serverReply(seed: number): Exercise {
  const rng = createRng(seed);
  const text = defectiveRequest(rng);
  const v = validateRequest(parseRequest(text));
  const status = v?.reply?.status ?? (v?.ok ? 101 : 400);
  const stop = v?.failedAt ? `${v.failedAt.title}: ${v.failedAt.detail} (${v.failedAt.rfc})` : '';
  const labels: Record<string, string> = {
    '101': '101 Switching Protocols',
    '400': '400 Bad Request',
    '426': '426 Upgrade Required',
  };
  const options = Object.entries(labels).map(([value, label]) => ({ value, label }));
  return {
    prompt: [
      'A server receives this opening handshake.',
      '```' + text.trimEnd(),
      'What status does a correct server answer with?',
    ],
    input: { kind: 'choice', label: 'Status the server answers with', options },
    answer: String(status),
    answerText: labels[String(status)] ?? String(status),
    why:
      status === 101
        ? 'Every required header is there and well formed.'
        : `The server stops at the first failed check: ${stop}.`,
    mistakes: options
      .filter((o) => o.value !== String(status))
      .map((o) => ({
        answer: o.value,
        message:
          status === 101
            ? 'Every required header is present and valid (header names and the Upgrade value are case-insensitive).'
            : o.value === '101'
              ? `The request is not acceptable: ${stop}.`
              : o.value === '426'
                ? `426 is only for an unsupported Sec-WebSocket-Version; here the problem is: ${stop}.`
                : `The version is the problem (${stop}); the server answers 426 and lists the versions it speaks in Sec-WebSocket-Version.`,
      })),
    otherwise: () => stop,
  };
}

/** What is hashed for Sec-WebSocket-Accept? */
export async function acceptInput(seed: number): Promise<Exercise> {
  const rng = createRng(seed);
  const key = seededKey(rng);
  const steps = await acceptSteps(key);
  const options = [
    { value: 'key+guid', label: `${key}${WEBSOCKET_GUID}` },
    { value: 'guid+key', label: `${WEBSOCKET_GUID}${key}` },
    { value: 'key guid', label: `${key} ${WEBSOCKET_GUID}` },
    { value: 'key', label: key },
  ];
  // The first option must be exactly what the codec hashes: a test guards this.
  const answer = options.find((o) => o.label === steps.concatenated)?.value ?? '';
  const shuffled = [...options].sort(() => rng.next() - 0.5);
  return {
    prompt: [
      `The client sent \`Sec-WebSocket-Key: ${key}\`.`,
      'Which string does the server hash with SHA-1?',
    ],
    input: { kind: 'choice', label: 'The string hashed with SHA-1', options: shuffled },
    answer,
    answerText: steps.concatenated,
    why: 'The key exactly as sent (still in base64, not decoded), immediately followed by the GUID 258EAFA5-E914-47DA-95CA-C5AB0DC85B11.',
    mistakes: [
      { answer: 'guid+key', message: 'The order matters: the key comes first, then the GUID.' },
      { answer: 'key guid', message: 'Nothing goes between the key and the GUID: they are joined directly.' },
      {
        answer: 'key',
        message:
          'The key alone is not enough: the GUID is appended, so that only a WebSocket server computes the right answer.',
      },
    ],
    otherwise: () => 'Key, then GUID, nothing between.',
  };
}

/** The first 4 Base64 characters of the accept value, from the first 3 digest bytes. */
export async function acceptBase64(seed: number): Promise<Exercise> {
  const rng = createRng(seed);
  const key = seededKey(rng);
  const steps = await acceptSteps(key);
  const first3 = steps.digest.subarray(0, 3);
  const answer = steps.accept.slice(0, 4);
  const hex = steps.digestHex.split(' ').slice(0, 3).join(' ');
  return {
    prompt: [
      `For the key \`${key}\`, the SHA-1 digest starts \`${hex}\`.`,
      'Base64 turns each 3 bytes (24 bits) into 4 characters of 6 bits: A–Z are 0–25, a–z 26–51, 0–9 52–61, + is 62, / is 63.',
      'Type the first 4 characters of Sec-WebSocket-Accept.',
    ],
    shown: [
      {
        label: 'The first 3 bytes of the digest',
        bytes: first3,
        regions: [{ start: 0, end: 3, tone: 'key' }],
      },
    ],
    input: { kind: 'text', label: 'First 4 Base64 characters' },
    answer,
    answerText: answer,
    why: `The 24 bits ${Array.from(first3, (b) => b.toString(2).padStart(8, '0')).join(' ')} cut into four groups of 6 give ${answer}. The whole value is ${steps.accept}.`,
    mistakes: [
      {
        answer: answer.toLowerCase() === answer ? '' : answer.toLowerCase(),
        message: 'Base64 is case-sensitive: A–Z are 0–25 and a–z are 26–51.',
      },
      {
        answer: hex.replace(/ /g, '').slice(0, 4),
        message: 'Those are hex digits of the digest; the accept value is Base64 of the digest bytes.',
      },
    ],
    otherwise: (given) => {
      const groups =
        Array.from(first3, (b) => b.toString(2).padStart(8, '0'))
          .join('')
          .match(/.{6}/g) ?? [];
      return `Cut the 24 bits into 6-bit groups: ${groups.join(' ')} = ${groups.map((g) => parseInt(g, 2)).join(', ')}. You typed ${given.length} characters.`;
    },
  };
}

/** Which accept value matches this key? The other candidates are the codec's answers for mistaken keys. */
export async function acceptChoice(seed: number): Promise<Exercise> {
  const rng = createRng(seed);
  const key = seededKey(rng);
  const right = (await acceptSteps(key)).accept;
  const trimmed = (await acceptSteps(key.replace(/=+$/, ''))).accept;
  const lower = (await acceptSteps(key.toLowerCase())).accept;
  const otherKey = (await acceptSteps(seededKey(rng))).accept;
  const options = [
    { value: 'right', label: right },
    { value: 'no-padding', label: trimmed },
    { value: 'lower', label: lower },
    { value: 'other-key', label: otherKey },
  ].sort(() => rng.next() - 0.5);
  return {
    prompt: [
      `The client sent \`Sec-WebSocket-Key: ${key}\`.`,
      'Three of these Sec-WebSocket-Accept values come from a server that made a mistake. Which one is right? (Open the Handshake view to compute it step by step.)',
    ],
    input: { kind: 'choice', label: 'The right Sec-WebSocket-Accept', options },
    answer: 'right',
    answerText: right,
    why: 'SHA-1 of the key followed by the GUID, in Base64. Any change to the key, even its padding or the case of one letter, changes the whole value.',
    mistakes: [
      {
        answer: 'no-padding',
        message:
          'That server dropped the == padding from the key before hashing. The key is hashed exactly as sent.',
      },
      {
        answer: 'lower',
        message: 'That server lower-cased the key. Base64 is case-sensitive, and so is the hash.',
      },
      {
        answer: 'other-key',
        message:
          "That is the accept value of another key (a server that reused an old answer). It is computed from this request's key every time.",
      },
    ],
    otherwise: () => 'Choose one of the four values.',
    open: {
      label: 'Compute it in the Handshake view',
      href: `#/handshake?${new URLSearchParams({ key }).toString()}`,
    },
  };
}
