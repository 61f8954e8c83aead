import { failAfter } from './exercises/security';
import { verdict } from './exercises/verdict';
import { exercise } from './define';
import type { LessonBody } from './types';

export const security: LessonBody = (meta) => [
  {
    kind: 'p',
    text: 'Browsers send `Origin` with every WebSocket handshake, and cookies go with it. A server that accepts any origin lets any page a user visits open a connection in that user’s name (cross-site WebSocket hijacking): check `Origin` against the pages you serve, and answer 403 otherwise (RFC 6455 §10.2).',
  },
  {
    kind: 'try',
    text: 'Watch a server refuse a page from another site (Handshake: “Origin the server does not accept”)',
    view: 'handshake',
    params: { preset: 'foreign-origin' },
  },
  {
    kind: 'p',
    text: 'Use `wss://`: TLS protects the data, and proxies leave encrypted traffic alone. Masking (lesson 6) protects proxies from attacker-chosen bytes, so a server must refuse unmasked client frames.',
  },
  {
    kind: 'p',
    text: 'Set limits. A frame header can claim up to 2^63 − 1 bytes; a server must not trust it and allocate. It fails a message over its limit with 1009 as soon as the header says so (RFC 6455 §10.4).',
  },
  exercise(meta, 'fail-after', failAfter),
  exercise(meta, 'code', (seed) => verdict(seed, 'security', 'code')),
  exercise(meta, 'verdict', (seed) => verdict(seed, 'security', 'rule')),
];
