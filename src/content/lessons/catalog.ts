/**
 * The course's table of contents, and the one home of each lesson's facts: id, number, title, minutes,
 * sections, summary, and each exercise's id, title and the rules it teaches. The course page and the coverage
 * map read it without loading a lesson; a lesson file (text, views, generators) loads with `load()` when it
 * opens and is handed its entry (`LessonBody`). Nothing here imports a lesson's code.
 */
import { lessonOf, type LessonBody, type LessonMeta } from './types';

/** A catalog entry whose `load()` imports the lesson file and makes its blocks from the entry. */
function lesson(facts: Omit<LessonMeta, 'load'>, body: () => Promise<LessonBody>): LessonMeta {
  const meta: LessonMeta = { ...facts, load: async () => lessonOf(meta, await body()) };
  return meta;
}

export const CATALOG: readonly LessonMeta[] = [
  lesson(
    {
      id: 'http-to-websocket',
      number: 1,
      title: 'From HTTP to WebSocket',
      minutes: 4,
      sections: ['RFC 6455 §1', 'RFC 6455 §3'],
      summary: 'Why a connection starts as HTTP and upgrades, what stays HTTP, and ws:// and wss:// URLs.',
      exercises: [
        { id: 'host', title: 'From URL to Host header', rules: ['hs-host'] },
        { id: 'switch', title: 'Does it switch?', rules: ['hs-client-checks-101', 'hs-server-101'] },
        { id: 'reply', title: 'What does the server answer?', rules: ['hs-get-11', 'hs-upgrade'] },
      ],
    },
    () => import('./01-http-to-websocket').then((m) => m.httpToWebsocket),
  ),
  lesson(
    {
      id: 'opening-handshake',
      number: 2,
      title: 'The opening handshake',
      minutes: 6,
      sections: ['RFC 6455 §4.1', 'RFC 6455 §4.2'],
      summary: 'The request’s required headers, each check a server makes, and 101 vs 400 vs 426.',
      exercises: [
        {
          id: 'reply',
          title: '101, 400 or 426?',
          rules: ['hs-connection', 'hs-key', 'hs-version', 'hs-server-400', 'hs-server-426', 'hs-host'],
        },
        {
          id: 'client-check',
          title: 'The client’s verdict',
          rules: ['hs-client-checks-101', 'hs-client-checks-accept'],
        },
        {
          id: 'extension-answer',
          title: 'An extension in the answer',
          rules: ['hs-client-checks-extensions', 'pmd-response-offered'],
        },
      ],
    },
    () => import('./02-opening-handshake').then((m) => m.openingHandshake),
  ),
  lesson(
    {
      id: 'accept',
      number: 3,
      title: 'Sec-WebSocket-Accept by hand',
      minutes: 5,
      sections: ['RFC 6455 §4.2.2', 'RFC 6455 §1.3'],
      summary: 'Key + GUID → SHA-1 → Base64, computed with your own random key.',
      exercises: [
        { id: 'input', title: 'What is hashed?', rules: ['hs-accept-value'] },
        { id: 'base64', title: 'Base64 of the first 3 bytes', rules: ['hs-accept-value'] },
        {
          id: 'choose',
          title: 'Spot the right accept value',
          rules: ['hs-accept-value', 'hs-client-checks-accept', 'hs-key'],
        },
      ],
    },
    () => import('./03-accept').then((m) => m.accept),
  ),
  lesson(
    {
      id: 'first-two-bytes',
      number: 4,
      title: 'The first two bytes',
      minutes: 6,
      sections: ['RFC 6455 §5.2'],
      summary: 'FIN, RSV1–3, the opcode, MASK and the 7-bit length: 16 bits that start every frame.',
      exercises: [
        { id: 'byte-0', title: 'Byte 0 from a description', rules: ['frame-fin', 'frame-opcode'] },
        { id: 'byte-1', title: 'Byte 1: MASK and the length', rules: ['frame-mask-bit', 'frame-length-7'] },
        { id: 'bits', title: 'Set the 16 bits', rules: ['frame-fin', 'frame-opcode', 'frame-mask-bit'] },
        {
          id: 'verdict',
          title: 'Valid, or which rule?',
          rules: ['frame-rsv-zero', 'frame-opcode-reserved', 'extension-negotiated', 'close-code-1002'],
        },
      ],
    },
    () => import('./04-first-two-bytes').then((m) => m.firstTwoBytes),
  ),
  lesson(
    {
      id: 'lengths',
      number: 5,
      title: 'Lengths: 7, 16 or 64 bits',
      minutes: 6,
      sections: ['RFC 6455 §5.2'],
      summary:
        'The three forms of the payload length, the minimal-encoding rule and the top bit of the 64-bit form.',
      exercises: [
        { id: 'form', title: 'Which form?', rules: ['frame-length-7', 'frame-length-16', 'frame-length-64'] },
        {
          id: 'length-bytes',
          title: 'Type the length bytes',
          rules: ['frame-length-16', 'frame-length-64', 'frame-length-minimal'],
        },
        {
          id: 'header-length',
          title: 'How long is the header?',
          rules: ['frame-length-64', 'frame-mask-bit'],
        },
        {
          id: 'verdict',
          title: 'Valid, or which rule?',
          rules: ['frame-length-msb', 'frame-length-minimal'],
        },
      ],
    },
    () => import('./05-lengths').then((m) => m.lengths),
  ),
  lesson(
    {
      id: 'masking',
      number: 6,
      title: 'Masking',
      minutes: 7,
      sections: ['RFC 6455 §5.3', 'RFC 6455 §10.3', 'RFC 6455 §5.1'],
      summary: 'Why clients mask, and the XOR of payload byte i with key byte i mod 4.',
      exercises: [
        { id: 'key-index', title: 'Which key byte?', rules: ['mask-xor'] },
        { id: 'xor', title: 'One XOR', rules: ['mask-xor', 'mask-key-fresh'] },
        { id: 'unmask', title: 'Unmask a client frame', rules: ['mask-xor', 'frame-client-masks'] },
        {
          id: 'verdict',
          title: 'Who masks?',
          rules: ['frame-client-masks', 'frame-server-fails-unmasked', 'frame-server-no-mask'],
        },
      ],
    },
    () => import('./06-masking').then((m) => m.masking),
  ),
  lesson(
    {
      id: 'fragmentation',
      number: 7,
      title: 'Fragmentation',
      minutes: 6,
      sections: ['RFC 6455 §5.4'],
      summary:
        'One message in several frames: continuation opcodes, FIN, and what may come between fragments.',
      exercises: [
        { id: 'count', title: 'How many frames?', rules: ['frag-first-opcode'] },
        { id: 'byte-0', title: 'Byte 0 of a fragment', rules: ['frag-first-opcode', 'frame-fin'] },
        {
          id: 'verdict',
          title: 'Valid, or which rule?',
          rules: ['frag-no-interleave', 'frag-control-between', 'frag-order'],
        },
      ],
    },
    () => import('./07-fragmentation').then((m) => m.fragmentation),
  ),
  lesson(
    {
      id: 'control-frames',
      number: 8,
      title: 'Control frames: ping, pong, close',
      minutes: 5,
      sections: ['RFC 6455 §5.5', 'RFC 6455 §5.5.2', 'RFC 6455 §5.5.3'],
      summary: 'At most 125 bytes, never fragmented, allowed between fragments; a pong echoes its ping.',
      exercises: [
        { id: 'byte-1', title: 'Byte 1 of a ping', rules: ['control-125', 'frame-mask-bit'] },
        { id: 'pong', title: 'Answer the ping', rules: ['ping-pong', 'pong-echo', 'frame-server-no-mask'] },
        {
          id: 'verdict',
          title: 'Valid, or which rule?',
          rules: ['control-125', 'control-no-fragment', 'frag-control-between'],
        },
      ],
    },
    () => import('./08-control-frames').then((m) => m.controlFrames),
  ),
  lesson(
    {
      id: 'closing',
      number: 9,
      title: 'Closing',
      minutes: 7,
      sections: ['RFC 6455 §5.5.1', 'RFC 6455 §7'],
      summary: 'The closing handshake, status codes and which may never be on the wire, the reason’s UTF-8.',
      exercises: [
        { id: 'payload', title: 'Write a close payload', rules: ['close-body'] },
        {
          id: 'on-wire',
          title: 'May this code be sent?',
          rules: ['close-code-not-on-wire', 'close-code-ranges'],
        },
        {
          id: 'reply-code',
          title: 'Which code goes back?',
          rules: [
            'close-reply',
            'close-fail',
            'close-code-1002',
            'close-code-1007',
            'close-no-data-after',
            'close-tcp-server-first',
          ],
        },
      ],
    },
    () => import('./09-closing').then((m) => m.closing),
  ),
  lesson(
    {
      id: 'utf8',
      number: 10,
      title: 'Text and UTF-8',
      minutes: 6,
      sections: ['RFC 6455 §5.6', 'RFC 6455 §8.1'],
      summary: 'Fail fast at the first invalid byte, and code points split across frames.',
      exercises: [
        { id: 'first-bad', title: 'The first invalid byte', rules: ['utf8-fail-1007', 'text-utf8'] },
        { id: 'when', title: 'When does it fail?', rules: ['text-utf8', 'utf8-fail-1007'] },
        { id: 'code', title: 'Which close code?', rules: ['utf8-fail-1007', 'close-code-1007'] },
      ],
    },
    () => import('./10-utf8').then((m) => m.utf8),
  ),
  lesson(
    {
      id: 'compression',
      number: 11,
      title: 'Compression: permessage-deflate',
      minutes: 8,
      sections: ['RFC 7692 §5', 'RFC 7692 §6', 'RFC 7692 §7'],
      summary:
        'Negotiation and its parameters, RSV1, the removed 00 00 ff ff, context takeover and window bits.',
      exercises: [
        {
          id: 'negotiation',
          title: 'Is this answer acceptable?',
          rules: ['pmd-offer-params', 'pmd-response-offered', 'pmd-window-bits', 'pmd-context-takeover'],
        },
        { id: 'byte-0', title: 'Byte 0 of a compressed fragment', rules: ['pmd-rsv1-first', 'pmd-trailer'] },
        {
          id: 'verdict',
          title: 'Valid, or which rule?',
          rules: ['pmd-rsv1-first', 'pmd-rsv1-control', 'pmd-inflate', 'frame-rsv-zero'],
        },
      ],
    },
    () => import('./11-compression').then((m) => m.compression),
  ),
  lesson(
    {
      id: 'security',
      number: 12,
      title: 'Security',
      minutes: 6,
      sections: ['RFC 6455 §10', 'RFC 6455 §10.2', 'RFC 6455 §10.3', 'RFC 6455 §10.4'],
      summary: 'Origin checks, masking, wss, size limits, and what a server must fail.',
      exercises: [
        { id: 'fail-after', title: 'How soon can it refuse?', rules: ['close-code-1009'] },
        {
          id: 'code',
          title: 'Which close code?',
          rules: ['close-code-1009', 'close-code-1002', 'frame-server-fails-unmasked'],
        },
        { id: 'verdict', title: 'Which rule?', rules: ['frame-client-masks', 'utf8-fail-1007'] },
      ],
    },
    () => import('./12-security').then((m) => m.security),
  ),
  lesson(
    {
      id: 'capture',
      number: 13,
      title: 'Debugging a real capture',
      minutes: 8,
      sections: ['RFC 6455 §5.5.1', 'RFC 6455 §7.1.7', 'RFC 6455 §8.1'],
      summary:
        'A real capture of a connection that went wrong: find the broken frame, the byte, the code and the second bug.',
      exercises: [
        { id: 'kind', title: 'Who sent it, and what is it?', rules: ['frame-opcode', 'frame-client-masks'] },
        { id: 'broken', title: 'Find the broken frame', rules: ['utf8-fail-1007', 'text-utf8'] },
        { id: 'byte', title: 'Find the byte', rules: ['utf8-fail-1007'] },
        {
          id: 'code',
          title: 'The client’s close code',
          rules: ['close-code-1007', 'close-body', 'close-fail'],
        },
        { id: 'closing', title: 'The second bug', rules: ['close-reply', 'close-tcp-server-first'] },
      ],
    },
    () => import('./13-capture').then((m) => m.capture),
  ),
  lesson(
    {
      id: 'http2-http3',
      number: 14,
      title: 'WebSockets over HTTP/2 and HTTP/3',
      minutes: 8,
      sections: ['RFC 8441 §3', 'RFC 8441 §4', 'RFC 8441 §5', 'RFC 9220 §3'],
      summary:
        'Extended CONNECT: one WebSocket per stream, opened with `:protocol websocket` and `:status 200`, the frames unchanged.',
      exercises: [
        { id: 'setting', title: 'May the client ask?', rules: ['h2-enable-connect'] },
        { id: 'request', title: 'Is this an extended CONNECT?', rules: ['h2-extended-connect', 'h2-no-key'] },
        { id: 'hpack', title: 'Read one header from its HPACK bytes', rules: ['h2-extended-connect'] },
        { id: 'status', title: 'Which status accepts?', rules: ['h2-status-200'] },
      ],
    },
    () => import('./14-http2-http3').then((m) => m.http2Http3),
  ),
];

export function findLessonMeta(id: string): LessonMeta | undefined {
  return CATALOG.find((l) => l.id === id);
}
