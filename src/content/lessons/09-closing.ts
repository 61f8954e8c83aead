import { encodeClosePayload } from '../../codec/close';
import { encodeFrame } from '../../codec/frame-encode';
import { closeOnWire, closePayload } from './exercises/messages';
import { verdict } from './exercises/verdict';
import type { Lesson } from './types';

export const closing: Lesson = {
  id: 'closing',
  number: 9,
  title: 'Closing',
  minutes: 7,
  sections: ['RFC 6455 §5.5.1', 'RFC 6455 §7'],
  summary: 'The closing handshake, status codes and which may never be on the wire, the reason’s UTF-8.',
  blocks: [
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
    {
      kind: 'exercise',
      exercise: {
        id: 'payload',
        title: 'Write a close payload',
        rules: ['close-body'],
        generate: closePayload,
      },
    },
    {
      kind: 'p',
      text: 'Status codes: 1000 normal, 1001 going away, 1002 protocol error, 1003 unsupported data, 1007 invalid payload data, 1008 policy violation, 1009 too big, 1010 missing extension, 1011 internal error (1012–1014 were added to the IANA registry later). 1005, 1006 and 1015 exist only for reporting inside an endpoint and must never be sent. 0–999 are unused, 1016–2999 reserved, 3000–3999 for registered libraries, 4000–4999 private.',
    },
    {
      kind: 'exercise',
      exercise: {
        id: 'on-wire',
        title: 'May this code be sent?',
        rules: ['close-code-not-on-wire', 'close-code-ranges'],
        generate: closeOnWire,
      },
    },
    {
      kind: 'p',
      text: 'A close frame that breaks these rules (a 1-byte payload, a code that may not be sent, a reason that is not UTF-8) makes the receiver fail the connection instead, with 1002 or 1007. A correct one is answered with a close frame.',
    },
    {
      kind: 'exercise',
      exercise: {
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
        generate: (seed) => verdict(seed, 'close', 'code'),
      },
    },
  ],
};
