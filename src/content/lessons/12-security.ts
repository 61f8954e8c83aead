import { failAfter } from './exercises/security';
import { verdict } from './exercises/verdict';
import type { Lesson } from './types';

export const security: Lesson = {
  id: 'security',
  number: 12,
  title: 'Security',
  minutes: 6,
  sections: ['RFC 6455 §10', 'RFC 6455 §10.2', 'RFC 6455 §10.3', 'RFC 6455 §10.4'],
  summary: 'Origin checks, masking, wss, size limits, and what a server must fail.',
  blocks: [
    {
      kind: 'p',
      text: 'Browsers send `Origin` with every WebSocket handshake, and cookies go with it. A server that accepts any origin lets any page a user visits open a connection in that user’s name (cross-site WebSocket hijacking): check `Origin` against the pages you serve, and answer 403 otherwise (RFC 6455 §10.2).',
    },
    {
      kind: 'p',
      text: 'Use `wss://`: TLS protects the data, and proxies leave encrypted traffic alone. Masking (lesson 6) protects proxies from attacker-chosen bytes, so a server must refuse unmasked client frames.',
    },
    {
      kind: 'p',
      text: 'Set limits. A frame header can claim up to 2^63 − 1 bytes; a server must not trust it and allocate. It fails a message over its limit with 1009 as soon as the header says so (RFC 6455 §10.4).',
    },
    {
      kind: 'exercise',
      exercise: {
        id: 'fail-after',
        title: 'How soon can it refuse?',
        rules: ['close-code-1009'],
        generate: failAfter,
      },
    },
    {
      kind: 'exercise',
      exercise: {
        id: 'code',
        title: 'Which close code?',
        rules: ['close-code-1009', 'close-code-1002', 'frame-server-fails-unmasked'],
        generate: (seed) => verdict(seed, 'security', 'code'),
      },
    },
    {
      kind: 'exercise',
      exercise: {
        id: 'verdict',
        title: 'Which rule?',
        rules: ['frame-client-masks', 'utf8-fail-1007'],
        generate: (seed) => verdict(seed, 'security', 'rule'),
      },
    },
  ],
};
