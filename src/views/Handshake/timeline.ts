import type { AcceptSteps } from '../../codec/handshake-accept';
import type { HandshakeCheck } from '../../codec/handshake-check';
import type { RequestValidation } from '../../codec/handshake-request';
import type { ResponseValidation } from '../../codec/handshake-response';

/** One frame of the animation. Everything shown at a step is derived from the step list up to it. */
export type Step =
  | { kind: 'compose'; title: string; text: string }
  | { kind: 'send-request'; title: string; text: string }
  | { kind: 'check'; side: 'client' | 'server'; check: HandshakeCheck; title: string; text: string }
  | { kind: 'accept'; part: 'concat' | 'sha1' | 'base64'; title: string; text: string }
  | { kind: 'send-response'; status: number | null; title: string; text: string }
  | { kind: 'end'; outcome: 'open' | 'refused' | 'failed'; title: string; text: string };

export interface TimelineInput {
  request: RequestValidation;
  accept: AcceptSteps | null;
  response: ResponseValidation;
  responseStatus: number | null;
  /** Where the request came from, for the first step's text. */
  source: 'editor' | 'pasted';
}

function checkStep(side: 'client' | 'server', check: HandshakeCheck): Step {
  const who = side === 'server' ? 'The server' : 'The client';
  const mark = check.status === 'fail' ? '✗' : check.status === 'warn' ? '!' : '✓';
  return {
    kind: 'check',
    side,
    check,
    title: `${who} checks: ${check.title} ${mark}`,
    text: `${check.detail} (${check.rfc})`,
  };
}

/**
 * The animation of one handshake: the request travels, the server checks each header and stops at the first
 * failure, computes the accept value, the response travels back, the client checks it, and the connection opens
 * or fails.
 */
export function buildTimeline(input: TimelineInput): Step[] {
  const steps: Step[] = [
    {
      kind: 'compose',
      title: 'The client writes its opening handshake',
      text:
        input.source === 'pasted'
          ? 'The pasted request, as a client sent it: an HTTP/1.1 request asking to switch to WebSocket.'
          : 'An HTTP/1.1 GET with Upgrade: websocket and a fresh random Sec-WebSocket-Key (§4.1).',
    },
    {
      kind: 'send-request',
      title: 'The request travels to the server',
      text: 'Over a plain TCP connection (or TLS for wss://), as ordinary HTTP text.',
    },
  ];
  for (const check of input.request.checks) {
    steps.push(checkStep('server', check));
    if (check.status === 'fail') break;
  }
  const refused = !input.request.ok;
  if (!refused && input.accept) {
    const a = input.accept;
    steps.push(
      {
        kind: 'accept',
        part: 'concat',
        title: 'The server appends the GUID to the key',
        text: `“${a.key}” + “${a.guid}” = a ${a.concatenatedBytes.length}-byte string (§4.2.2 (5.4)).`,
      },
      {
        kind: 'accept',
        part: 'sha1',
        title: 'The server takes the SHA-1 of that string',
        text: `20 bytes: ${a.digestHex}. Computed by ${a.hash.backend === 'webcrypto' ? 'WebCrypto' : '@noble/hashes'}.`,
      },
      {
        kind: 'accept',
        part: 'base64',
        title: 'The server encodes the digest in Base64',
        text: `Sec-WebSocket-Accept: ${a.accept}`,
      },
    );
  }
  steps.push({
    kind: 'send-response',
    status: input.responseStatus,
    title:
      input.responseStatus === 101
        ? 'The 101 Switching Protocols response travels back'
        : `The server answers ${input.responseStatus ?? 'with something unreadable'}`,
    text: refused
      ? (input.request.reply?.why ?? 'The server refuses the handshake.')
      : 'Upgrade, Connection and Sec-WebSocket-Accept prove the server understood the request.',
  });
  for (const check of input.response.checks) {
    if (check.status === 'skip') break;
    steps.push(checkStep('client', check));
    if (check.status === 'fail') break;
  }
  if (input.response.ok) {
    const agreed = input.response.agreed;
    const parts = [
      agreed.protocol ? `subprotocol “${agreed.protocol}”` : 'no subprotocol',
      agreed.extensions.length
        ? `extensions: ${agreed.extensions.map((e) => e.name).join(', ')}`
        : 'no extensions',
    ];
    steps.push({
      kind: 'end',
      outcome: 'open',
      title: 'The connection is open: frames from now on',
      text: `The same TCP connection now carries WebSocket frames (§5), with ${parts.join(' and ')}.`,
    });
  } else if (input.response.failedAt?.id === 'status-line') {
    steps.push({
      kind: 'end',
      outcome: 'refused',
      title: 'No WebSocket connection',
      text: 'The client treats the answer as plain HTTP (§4.1): the page sees an error event, then close code 1006.',
    });
  } else {
    steps.push({
      kind: 'end',
      outcome: 'failed',
      title: 'The client fails the WebSocket connection',
      text: `${input.response.failedAt ? `The check “${input.response.failedAt.title}”` : 'A check'} failed, so the client closes the TCP connection (§7.1.7); the page sees close code 1006.`,
    });
  }
  return steps;
}
