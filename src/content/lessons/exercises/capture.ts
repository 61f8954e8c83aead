/**
 * Lesson 13: a real capture (`tests/fixtures/capture/learn-broken-utf8.pcap`, made by `make-learn-capture.mjs`:
 * the `ws` client against a server with a bug). Every answer is read from the capture by `importCapture` and the
 * codec (`validateUtf8`, `parseClosePayload`). The capture is the exercise's data, so only `frameKind` has a seed
 * (which frame it asks about); the others ask about the one capture and are marked `fixed`.
 */
import { importCapture } from '../../../capture';
import type { CaptureConnection, CapturedFrame } from '../../../capture';
import { parseClosePayload } from '../../../codec/close';
import { toHex } from '../../../codec/hex';
import { validateUtf8 } from '../../../codec/utf8';
import dump from '../../../../tests/fixtures/capture/learn-broken-utf8.tshark-x.txt?raw';
import { decoderLink } from './links';
import { createRng } from './prng';
import type { Exercise } from './types';

/** `tshark -x` of the pcap: the same packets as text, which the importer reads like the pcap itself. */
export const CAPTURE_NAME = 'learn-broken-utf8.tshark-x.txt';

let cached: CaptureConnection | null = null;

/** The capture's one WebSocket connection. */
export function captureConnection(): CaptureConnection {
  if (cached) return cached;
  const result = importCapture(CAPTURE_NAME, new TextEncoder().encode(dump));
  const connection = result.connections[0];
  if (!connection) throw new Error(result.error ?? 'the bundled capture has no WebSocket connection');
  cached = connection;
  return connection;
}

/** A frame's application data, unmasked. */
function payloadOf(f: CapturedFrame): Uint8Array {
  const payload = f.bytes.subarray(f.bytes.length - f.payloadLength);
  const key = f.maskingKey;
  return key ? payload.map((b, i) => b ^ key[i % 4]!) : payload;
}

const who = (f: CapturedFrame) =>
  f.direction === 'client-to-server' ? 'client → server' : 'server → client';

/** The frames as the question shows them. */
function shownFrames(c: CaptureConnection) {
  return c.frames.map((f) => ({ label: `Frame ${f.index + 1}, ${who(f)}`, bytes: f.bytes }));
}

function serverStream(c: CaptureConnection): Uint8Array {
  return Uint8Array.from(
    c.frames.filter((f) => f.direction === 'server-to-client').flatMap((f) => Array.from(f.bytes)),
  );
}

/** Which frame breaks a rule? */
export function brokenFrame(): Exercise {
  const c = captureConnection();
  const bad = c.frames.find((f) => f.violations.some((v) => v.severity === 'error'));
  const answer = bad ? String(bad.index + 1) : 'none';
  const options = [
    ...c.frames.map((f) => ({ value: String(f.index + 1), label: `Frame ${f.index + 1} (${who(f)})` })),
    { value: 'none', label: 'None: every frame is valid' },
  ];
  const v = bad?.violations[0];
  return {
    prompt: [
      'These are all the frames of the captured connection, in order. Decode them in your head (or in the Decoder).',
      'Which frame breaks a rule of RFC 6455?',
    ],
    shown: shownFrames(c),
    input: { kind: 'choice', label: 'The frame that breaks a rule', options },
    answer,
    answerText: options.find((o) => o.value === answer)!.label,
    why: v ? `${v.message} (${v.rfc}).` : 'Every frame is valid.',
    mistakes: c.frames
      .filter((f) => f !== bad)
      .map((f) => ({
        answer: String(f.index + 1),
        message:
          f.opcode === 0x8
            ? `Frame ${f.index + 1} is the client’s reaction to the problem, not the problem: it is a valid close frame.`
            : `Frame ${f.index + 1} is valid: ${f.summary}.`,
      }))
      .concat([
        { answer: 'none', message: 'Look at the text of each server frame: is every byte valid UTF-8?' },
      ]),
    otherwise: () => (v ? v.message : ''),
    open: decoderLink(serverStream(c), 's2c'),
  };
}

/** Where in that frame's text is the first invalid byte? */
export function badByteIndex(): Exercise {
  const c = captureConnection();
  const bad = c.frames.find((f) => f.opcode === 1 && !validateUtf8(payloadOf(f)).valid);
  if (!bad) throw new Error('the capture has no broken text frame');
  const payload = payloadOf(bad);
  const r = validateUtf8(payload);
  const index = r.valid ? -1 : r.index;
  return {
    prompt: [
      `Frame ${bad.index + 1} is a text frame from the server. Its payload is below.`,
      'At which payload index (from 0) is the byte that makes it invalid UTF-8?',
    ],
    shown: [{ label: `Payload of frame ${bad.index + 1}`, bytes: payload }],
    input: { kind: 'text', label: 'Payload index' },
    answer: String(index),
    answerText: `index ${index} (byte 0x${toHex(payload.subarray(index, index + 1))})`,
    why: r.valid
      ? 'It is valid.'
      : `${r.why}. 0x${toHex(payload.subarray(index, index + 1))} starts a 2-byte character, and the message ends before its second byte: the server cut its text at ${payload.length} bytes without looking at character boundaries.`,
    mistakes: [
      { answer: String(index + 1), message: 'You counted from 1: the first payload byte is index 0.' },
      {
        answer: String(payload.length),
        message: 'The index of a byte is less than the length: the last byte is at length − 1.',
      },
    ],
    otherwise: () =>
      'Look for a lead byte (C2–DF, E0–EF, F0–F4) without all the continuation bytes it announces.',
  };
}

/** Which close code did the client send? */
export function clientCloseCode(): Exercise {
  const c = captureConnection();
  const close = c.frames.find((f) => f.opcode === 0x8 && f.direction === 'client-to-server');
  if (!close) throw new Error('the capture has no close frame from the client');
  const unmasked = payloadOf(close);
  const parsed = parseClosePayload(unmasked);
  const code = String(parsed.code ?? 1005);
  const options = ['1000', '1002', '1006', '1007', '1009'].map((value) => ({ value, label: value }));
  return {
    prompt: [
      `Frame ${close.index + 1} is the client’s close frame. Unmask its payload (the key is the 4 bytes after the length).`,
      'Which status code does it carry?',
    ],
    shown: [{ label: `Frame ${close.index + 1}, ${who(close)}`, bytes: close.bytes }],
    input: { kind: 'choice', label: 'The status code', options },
    answer: code,
    answerText: code,
    why: `The payload ${toHex(unmasked)} is the code ${code} in network byte order${parsed.reason ? ` and the reason “${parsed.reason}”` : ', with no reason'}: invalid data for the message type, as RFC 6455 §8.1 asks for invalid UTF-8.`,
    mistakes: [
      {
        answer: '1002',
        message:
          'Invalid UTF-8 is not a framing error: RFC 6455 §8.1 asks for 1007. (Chromium 156 does send 1002 here; ws follows the RFC.)',
      },
      {
        answer: '1006',
        message:
          '1006 is never sent on the wire: it is what an endpoint reports when the connection closed without a close frame.',
      },
      { answer: '1000', message: 'Unmask the two bytes: they do not give 1000 (03 e8).' },
    ],
    otherwise: () => `Unmask the 2 payload bytes with the first 2 key bytes and read them big-endian.`,
    open: decoderLink(close.bytes, 'c2s'),
  };
}

/** What else went wrong: the server's side of the closing handshake. */
export function serverCloseReply(): Exercise {
  const c = captureConnection();
  const clientClose = c.frames.find((f) => f.opcode === 0x8 && f.direction === 'client-to-server');
  const serverClose = c.frames.find((f) => f.opcode === 0x8 && f.direction === 'server-to-client');
  const answer = clientClose && !serverClose ? 'no-reply' : 'fine';
  const options = [
    { value: 'fine', label: 'Nothing: it answered with its own close frame' },
    { value: 'no-reply', label: 'It closed TCP without sending a close frame back' },
    { value: 'masked', label: 'It masked its close frame' },
  ];
  return {
    prompt: [
      `After the client’s close frame (frame ${(clientClose?.index ?? 0) + 1}), the capture shows the TCP connection closing. Look at every frame again.`,
      'What did the server do wrong in the closing handshake?',
    ],
    shown: shownFrames(c),
    input: { kind: 'choice', label: 'What the server did wrong', options },
    answer,
    answerText: options.find((o) => o.value === answer)!.label,
    why:
      answer === 'no-reply'
        ? 'An endpoint that receives a close frame must send a close frame in response (RFC 6455 §5.5.1). Without it, the client reports 1006 (abnormal closure), which is what the ws client logged.'
        : 'The server replied with a close frame.',
    mistakes: [
      {
        answer: 'fine',
        message: 'Count the close frames: there is one from the client and none from the server.',
      },
      { answer: 'masked', message: 'There is no close frame from the server at all, masked or not.' },
    ],
    otherwise: () => 'Count the close frames in each direction.',
  };
}

/** What does frame k carry? The seed picks k. */
export function frameKind(seed: number): Exercise {
  const rng = createRng(seed);
  const c = captureConnection();
  const f = rng.pick(c.frames);
  const kinds = ['text', 'binary', 'close', 'ping', 'pong'];
  const options = ['client-to-server', 'server-to-client'].flatMap((d) =>
    kinds.map((k) => ({
      value: `${d} ${k}`,
      label: `${d === 'client-to-server' ? 'client → server' : 'server → client'}, ${k}`,
    })),
  );
  const answer = `${f.direction} ${f.opcodeName}`;
  return {
    prompt: [`Frame ${f.index + 1} of the capture is below. Who sent it, and what kind of frame is it?`],
    shown: [{ label: `Frame ${f.index + 1}`, bytes: f.bytes }],
    input: { kind: 'choice', label: 'Sender and kind', options },
    answer,
    answerText: options.find((o) => o.value === answer)?.label ?? answer,
    why: `Byte 0 is 0x${toHex(f.bytes.subarray(0, 1))}: opcode ${f.opcode} (${f.opcodeName}). MASK is ${f.masked ? '1, so the client sent it' : '0, so the server sent it'}.`,
    mistakes: options
      .filter((o) => o.value !== answer)
      .map((o) => ({
        answer: o.value,
        message: o.value.startsWith(f.direction)
          ? `The sender is right; now read the opcode in the low 4 bits of byte 0: ${f.opcode}.`
          : `Look at the MASK bit (top bit of byte 1): it is ${f.masked ? 1 : 0}, and only clients mask.`,
      })),
    otherwise: () => 'Read the opcode and the MASK bit.',
    open: decoderLink(f.bytes, f.direction === 'client-to-server' ? 'c2s' : 's2c'),
  };
}
