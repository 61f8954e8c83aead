import { encodeMessage } from '../../codec/message';
import { createDeflater } from '../../codec/permessage-deflate';
import { compressedByte, negotiation } from './exercises/deflate';
import { verdict } from './exercises/verdict';
import { exercise } from './define';
import type { LessonBody } from './types';

export const compression: LessonBody = (meta) => [
  {
    kind: 'p',
    text: 'permessage-deflate is offered in `Sec-WebSocket-Extensions`. Its parameters: `server_no_context_takeover` and `client_no_context_takeover` (that side starts every message with an empty sliding window), `server_max_window_bits` and `client_max_window_bits` (8–15, the size of that side’s window). The server answers with at most one accepted offer and may only use parameters the offer allows: `client_max_window_bits` only if the client offered it, a `server_max_window_bits` no larger than asked. An unknown parameter, a value out of range or a repeated parameter makes the answer invalid.',
  },
  exercise(meta, 'negotiation', negotiation),
  {
    kind: 'p',
    text: 'The sender compresses each message with DEFLATE and a sync flush, which always ends with the 4 bytes `00 00 ff ff`; it removes them, and the receiver appends them again before inflating. RSV1 on the first frame marks a message as compressed; continuation frames and control frames have RSV1 = 0. With context takeover (the default), the window carries over, so a repeated message compresses to a few bytes.',
  },
  {
    kind: 'frame',
    heading: '“Hello”, compressed (RFC 7692 §7.2.3.1)',
    direction: 'server-to-client',
    bytes: () =>
      encodeMessage({
        opcode: 1,
        data: new TextEncoder().encode('Hello'),
        deflater: createDeflater({}, 'server'),
      })[0]!,
  },
  exercise(meta, 'byte-0', compressedByte),
  {
    kind: 'p',
    text: 'A receiver fails the connection (1002) on RSV1 on a continuation or control frame, or on RSV1 when permessage-deflate was not negotiated; data that does not inflate fails it with 1007.',
  },
  exercise(meta, 'verdict', (seed) => verdict(seed, 'deflate', 'rule')),
];
