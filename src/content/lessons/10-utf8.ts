import { firstBadByte } from './exercises/messages';
import { verdict } from './exercises/verdict';
import { exercise } from './define';
import type { LessonBody } from './types';

export const utf8: LessonBody = (meta) => [
  {
    kind: 'p',
    text: 'A text message is UTF-8. ASCII bytes (`00`–`7F`) stand alone; a lead byte `C2`–`DF`, `E0`–`EF` or `F0`–`F4` announces 1, 2 or 3 continuation bytes `80`–`BF`. Some sequences are never valid: `C0`, `C1` and `F5`–`FF` anywhere, overlong forms, UTF-16 surrogates (`ED A0`–`ED BF`), and code points above U+10FFFF.',
  },
  {
    kind: 'p',
    text: 'When a text message is not valid UTF-8, the receiver fails the connection with 1007, and it should do so at the first byte that cannot lead to valid text, without waiting for the rest of the message.',
  },
  exercise(meta, 'first-bad', firstBadByte),
  {
    kind: 'p',
    text: 'A fragment may end in the middle of a character: the validity of the text is judged over the whole message, not frame by frame. Only a message that ends in the middle of a character is invalid.',
  },
  exercise(meta, 'when', (seed) => verdict(seed, 'text', 'frame')),
  exercise(meta, 'code', (seed) => verdict(seed, 'text', 'code')),
];
