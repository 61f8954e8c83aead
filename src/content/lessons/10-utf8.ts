import { firstBadByte } from './exercises/messages';
import { verdict } from './exercises/verdict';
import type { Lesson } from './types';

export const utf8: Lesson = {
  id: 'utf8',
  number: 10,
  title: 'Text and UTF-8',
  minutes: 6,
  sections: ['RFC 6455 §5.6', 'RFC 6455 §8.1'],
  summary: 'Fail fast at the first invalid byte, and code points split across frames.',
  blocks: [
    {
      kind: 'p',
      text: 'A text message is UTF-8. ASCII bytes (`00`–`7F`) stand alone; a lead byte `C2`–`DF`, `E0`–`EF` or `F0`–`F4` announces 1, 2 or 3 continuation bytes `80`–`BF`. Some sequences are never valid: `C0`, `C1` and `F5`–`FF` anywhere, overlong forms, UTF-16 surrogates (`ED A0`–`ED BF`), and code points above U+10FFFF.',
    },
    {
      kind: 'p',
      text: 'When a text message is not valid UTF-8, the receiver fails the connection with 1007, and it should do so at the first byte that cannot lead to valid text, without waiting for the rest of the message.',
    },
    {
      kind: 'exercise',
      exercise: {
        id: 'first-bad',
        title: 'The first invalid byte',
        rules: ['utf8-fail-1007', 'text-utf8'],
        generate: firstBadByte,
      },
    },
    {
      kind: 'p',
      text: 'A fragment may end in the middle of a character: the validity of the text is judged over the whole message, not frame by frame. Only a message that ends in the middle of a character is invalid.',
    },
    {
      kind: 'exercise',
      exercise: {
        id: 'when',
        title: 'When does it fail?',
        rules: ['text-utf8', 'utf8-fail-1007'],
        generate: (seed) => verdict(seed, 'text', 'frame'),
      },
    },
    {
      kind: 'exercise',
      exercise: {
        id: 'code',
        title: 'Which close code?',
        rules: ['utf8-fail-1007', 'close-code-1007'],
        generate: (seed) => verdict(seed, 'text', 'code'),
      },
    },
  ],
};
