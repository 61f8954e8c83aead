/**
 * Checking a server's reply to the opening handshake the way a client must (RFC 6455 §4.2.2, §4.1).
 */
import { type Extension, parseExtensions } from './extensions';
import { type AcceptSteps, acceptSteps, base64ToBytes, type HashBackend } from './handshake-accept';
import {
  type CheckStatus,
  firstFailure,
  type HandshakeCheck,
  makeCheck,
  shown,
  syntaxCheck,
} from './handshake-check';
import { type HandshakeResponse, headerTokens, headerValues, TOKEN } from './handshake-http';
import { PERMESSAGE_DEFLATE, validatePermessageDeflateResponse } from './permessage-deflate-negotiation';
import type { PermessageDeflateParams } from './types';

/** What the client sent, which the response is checked against. */
export interface ResponseExpectations {
  /** The Sec-WebSocket-Key the client sent. */
  key: string | null;
  offeredProtocols?: readonly string[];
  /** The client's offers: parsed elements, or the raw Sec-WebSocket-Extensions value. */
  offeredExtensions?: readonly Extension[] | string;
  /** Force the SHA-1 fallback (for teaching and tests). */
  prefer?: HashBackend;
}

/** What {@link validateResponse} found. */
export interface ResponseValidation {
  /** Every check in RFC order: §4.2.2 what the server answers, then §4.1 how the client verifies it. */
  checks: HandshakeCheck[];
  /** True when the connection is open: frames may follow. */
  ok: boolean;
  /** The first failed check: where the client fails the connection (or, for a non-101, stops). */
  failedAt: HandshakeCheck | null;
  /** The accept value computation for the sent key (null without a key). */
  expected: AcceptSteps | null;
  /** What was agreed when `ok`. */
  agreed: {
    protocol: string | null;
    extensions: Extension[];
    permessageDeflate: Required<PermessageDeflateParams> | null;
  };
}

function statusAfter(stopped: boolean, status: CheckStatus): CheckStatus {
  return stopped ? 'skip' : status;
}

const NOT_REACHED = 'Not checked: the server did not switch protocols.';

/**
 * Every check on a server's reply, in RFC order, given what the client sent. Never throws (it is async only
 * because the SHA-1 may come from WebCrypto).
 * @example (await validateResponse(parseResponse('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n'), { key: 'dGhlIHNhbXBsZSBub25jZQ==' })).ok === true
 * @see RFC 6455 §4.2.2, §4.1
 */
export async function validateResponse(
  response: HandshakeResponse,
  sent: ResponseExpectations,
): Promise<ResponseValidation> {
  const checks: HandshakeCheck[] = [];
  checks.push(
    syntaxCheck(
      'response-syntax',
      'server-answers',
      'The response is valid HTTP/1.1 text',
      'RFC 6455 §4.2.2 (5)',
      response.problems,
      `A status line and ${response.headers.length} header lines, ended by a blank line.`,
    ),
  );
  const switching = response.status === 101 && response.httpVersion === 'HTTP/1.1';
  checks.push(
    makeCheck(
      'status-line',
      'server-answers',
      'Status line is “HTTP/1.1 101”',
      'RFC 6455 §4.2.2 (5.1), §4.1 (verify 1)',
      [':start-line'],
      switching ? 'pass' : 'fail',
      switching
        ? `${response.httpVersion} 101 ${response.reason ?? ''}`.trim() + ': the server switches protocols.'
        : response.status === null
          ? 'There is no status line.'
          : response.status === 101
            ? `${response.httpVersion} is not HTTP/1.1.`
            : `${response.status} ${response.reason ?? ''}`.trim() +
              ': no WebSocket; the client handles it as plain HTTP (e.g. 401 authenticate, 3xx redirect).',
    ),
  );
  const stopped = !switching;

  const accepts = headerValues(response, 'sec-websocket-accept');
  const acceptBytes = accepts.length === 1 ? base64ToBytes(accepts[0] ?? '') : null;
  checks.push(
    makeCheck(
      'accept-format',
      'server-answers',
      'Sec-WebSocket-Accept is Base64 of 20 bytes',
      'RFC 6455 §4.2.2 (5.4)',
      ['sec-websocket-accept'],
      statusAfter(stopped, acceptBytes?.length === 20 ? 'pass' : 'fail'),
      stopped
        ? NOT_REACHED
        : accepts.length === 0
          ? 'Sec-WebSocket-Accept is missing.'
          : accepts.length > 1
            ? `Sec-WebSocket-Accept appears ${accepts.length} times; it must appear once (§11.3.3).`
            : acceptBytes === null
              ? `“${accepts[0]}” is not valid padded Base64.`
              : `“${accepts[0]}” decodes to ${acceptBytes.length} bytes${acceptBytes.length === 20 ? ', a SHA-1 digest.' : ', not 20.'}`,
    ),
  );
  const protocols = headerTokens(response, 'sec-websocket-protocol');
  const protocolHeaders = headerValues(response, 'sec-websocket-protocol');
  const protocolOk =
    protocolHeaders.length === 0 || (protocols.length === 1 && TOKEN.test(protocols[0] ?? ''));
  checks.push(
    makeCheck(
      'protocol-single',
      'server-answers',
      'At most one subprotocol is chosen',
      'RFC 6455 §4.2.2 (4, /subprotocol/)',
      ['sec-websocket-protocol'],
      statusAfter(stopped, protocolOk ? 'pass' : 'fail'),
      stopped
        ? NOT_REACHED
        : protocolHeaders.length === 0
          ? 'No Sec-WebSocket-Protocol: no subprotocol (null).'
          : protocolOk
            ? `Chosen: “${protocols[0]}”.`
            : `Sec-WebSocket-Protocol is ${shown(protocolHeaders)}: it must be exactly one token.`,
    ),
  );
  const parsed = parseExtensions(headerValues(response, 'sec-websocket-extensions'));
  checks.push(
    makeCheck(
      'response-extensions-syntax',
      'server-answers',
      'Accepted extensions follow the §9.1 grammar',
      'RFC 6455 §4.2.2 (5.6), §9.1',
      ['sec-websocket-extensions'],
      statusAfter(stopped, parsed.errors.length ? 'fail' : 'pass'),
      stopped
        ? NOT_REACHED
        : parsed.errors.length
          ? `Sec-WebSocket-Extensions: ${parsed.errors[0]?.message} (column ${(parsed.errors[0]?.column ?? 0) + 1}).`
          : parsed.extensions.length
            ? `Accepted: ${parsed.extensions.map((e) => e.name).join(', ')}.`
            : 'No extension accepted.',
    ),
  );

  const upgrade = headerValues(response, 'upgrade');
  const upgradeOk = upgrade.length === 1 && upgrade[0]?.toLowerCase() === 'websocket';
  checks.push(
    makeCheck(
      'response-upgrade',
      'client-verifies',
      'Upgrade is “websocket”',
      'RFC 6455 §4.1 (verify 2)',
      ['upgrade'],
      statusAfter(stopped, upgradeOk ? 'pass' : 'fail'),
      stopped
        ? NOT_REACHED
        : upgradeOk
          ? `Upgrade: ${upgrade[0]}.`
          : `Upgrade is ${shown(upgrade)}: the client fails the connection.`,
    ),
  );
  const connection = headerTokens(response, 'connection');
  const connectionOk = connection.some((t) => t.toLowerCase() === 'upgrade');
  checks.push(
    makeCheck(
      'response-connection',
      'client-verifies',
      'Connection includes “Upgrade”',
      'RFC 6455 §4.1 (verify 3)',
      ['connection'],
      statusAfter(stopped, connectionOk ? 'pass' : 'fail'),
      stopped
        ? NOT_REACHED
        : connectionOk
          ? `Connection: ${connection.join(', ')}.`
          : `Connection is ${shown(connection)}: the client fails the connection.`,
    ),
  );
  const expected =
    sent.key === null ? null : await acceptSteps(sent.key, sent.prefer ? { prefer: sent.prefer } : {});
  const acceptOk = expected !== null && accepts.length === 1 && accepts[0] === expected.accept;
  checks.push(
    makeCheck(
      'accept-match',
      'client-verifies',
      'Sec-WebSocket-Accept = Base64(SHA-1(key + GUID))',
      'RFC 6455 §4.1 (verify 4)',
      ['sec-websocket-accept'],
      statusAfter(stopped, acceptOk ? 'pass' : 'fail'),
      stopped
        ? NOT_REACHED
        : expected === null
          ? 'The client sent no key to compare with.'
          : acceptOk
            ? `“${expected.accept}” is what the key gives: this server read this request.`
            : `Expected “${expected.accept}”, got ${shown(accepts)}: the client fails the connection.`,
    ),
  );

  const offers =
    typeof sent.offeredExtensions === 'string'
      ? parseExtensions(sent.offeredExtensions).extensions
      : (sent.offeredExtensions ?? []);
  const offeredNames = new Set(offers.map((e) => e.name));
  const unoffered = parsed.extensions.find((e) => !offeredNames.has(e.name));
  const pmd = validatePermessageDeflateResponse(offers, parsed.extensions);
  const extensionsOk = unoffered === undefined && pmd.ok;
  checks.push(
    makeCheck(
      'extensions-offered',
      'client-verifies',
      'Every accepted extension was offered',
      'RFC 6455 §4.1 (verify 5), RFC 7692 §7',
      ['sec-websocket-extensions'],
      statusAfter(stopped, extensionsOk ? 'pass' : 'fail'),
      stopped
        ? NOT_REACHED
        : unoffered !== undefined
          ? `The server accepted “${unoffered.name}”, which the client did not offer: the client fails the connection.`
          : !pmd.ok
            ? `${PERMESSAGE_DEFLATE}: ${pmd.problems[0]?.message} (${pmd.problems[0]?.rfc}).`
            : parsed.extensions.length
              ? `${parsed.extensions.map((e) => e.name).join(', ')}: offered by the client.`
              : 'No extension in use.',
    ),
  );
  const offeredProtocols = sent.offeredProtocols ?? [];
  const chosen = protocols.length === 1 ? (protocols[0] ?? null) : null;
  const protocolOffered =
    protocolHeaders.length === 0 || (chosen !== null && offeredProtocols.includes(chosen));
  checks.push(
    makeCheck(
      'protocol-offered',
      'client-verifies',
      'The chosen subprotocol was offered',
      'RFC 6455 §4.1 (verify 6)',
      ['sec-websocket-protocol'],
      statusAfter(stopped, protocolOffered ? 'pass' : 'fail'),
      stopped
        ? NOT_REACHED
        : protocolHeaders.length === 0
          ? 'No subprotocol chosen.'
          : protocolOffered
            ? `“${chosen}” was offered.`
            : `The server chose ${shown(protocolHeaders)}, but the client offered ${shown([...offeredProtocols])}: the client fails the connection.`,
    ),
  );

  const failedAt = firstFailure(checks);
  return {
    checks,
    ok: failedAt === null,
    failedAt,
    expected,
    agreed: {
      protocol: failedAt === null ? chosen : null,
      extensions: failedAt === null ? parsed.extensions : [],
      permessageDeflate: failedAt === null && pmd.ok ? pmd.params : null,
    },
  };
}
