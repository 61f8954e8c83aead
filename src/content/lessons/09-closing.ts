import { encodeClosePayload } from '../../codec/close';
import { encodeFrame } from '../../codec/frame-encode';
import { closeOnWire, closePayload } from './exercises/messages';
import { verdict } from './exercises/verdict';
import { exercise } from './define';
import type { LessonBody } from './types';

export const closing: LessonBody = (meta) => [
  {
    kind: 'p',
    text: 'Either side may start closing by sending a close frame. The other answers with a close frame of its own (usually echoing the status code) and sends no more data; then the server closes the TCP connection first, so the client does not hold the TIME_WAIT state.',
  },
  {
    kind: 'p',
    text: 'A close payload is either empty, or a 2-byte status code in network byte order followed by an optional reason in UTF-8. Since control frames carry at most 125 bytes, the reason is at most 123.',
  },
  {
    kind: 'frame',
    heading: 'A server closes with 1000 “Goodbye”',
    direction: 'server-to-client',
    bytes: () => encodeFrame({ opcode: 0x8, payload: encodeClosePayload(1000, 'Goodbye') }),
  },
  exercise(meta, 'payload', closePayload),
  {
    kind: 'p',
    text: 'Status codes: 1000 normal, 1001 going away, 1002 protocol error, 1003 unsupported data, 1007 invalid payload data, 1008 policy violation, 1009 too big, 1010 missing extension, 1011 internal error (1012–1014 were added to the IANA registry later). 1005, 1006 and 1015 exist only for reporting inside an endpoint and must never be sent. 0–999 are unused, 1016–2999 reserved, 3000–3999 for registered libraries, 4000–4999 private.',
  },
  exercise(meta, 'on-wire', closeOnWire),
  {
    kind: 'p',
    text: 'A close frame that breaks these rules (a 1-byte payload, a code that may not be sent, a reason that is not UTF-8) makes the receiver fail the connection instead, with 1002 or 1007. A correct one is answered with a close frame.',
  },
  exercise(meta, 'reply-code', (seed) => verdict(seed, 'close', 'code')),
];
