/**
 * The shape of one handshake check, shared by the request and response validators.
 */
import type { ParseProblem } from './handshake-http';

/**
 * Where a check sits in the RFC: §4.1 what the client must send, §4.2.1 what the server reads,
 * §4.2.2 what the server answers, §4.1 (end) how the client verifies the answer.
 */
export type HandshakeStage = 'client-request' | 'server-reads' | 'server-answers' | 'client-verifies';

/** `warn`: a SHOULD was not met (the handshake goes on); `skip`: not reached because an earlier check ended it. */
export type CheckStatus = 'pass' | 'fail' | 'warn' | 'skip';

/** Stable ids of every check, in RFC order. */
export type HandshakeCheckId =
  | 'request-syntax'
  | 'request-target'
  | 'origin'
  | 'protocol-tokens'
  | 'request-extensions-syntax'
  | 'method'
  | 'host'
  | 'request-upgrade'
  | 'request-connection'
  | 'key'
  | 'version'
  | 'origin-allowed'
  | 'response-syntax'
  | 'status-line'
  | 'accept-format'
  | 'protocol-single'
  | 'response-extensions-syntax'
  | 'response-upgrade'
  | 'response-connection'
  | 'accept-match'
  | 'extensions-offered'
  | 'protocol-offered';

/** One check of the opening handshake, its outcome and why. */
export interface HandshakeCheck {
  id: HandshakeCheckId;
  stage: HandshakeStage;
  /** What is checked, e.g. `Sec-WebSocket-Key decodes to 16 bytes`. */
  title: string;
  status: CheckStatus;
  /** One line naming the values seen, e.g. `"c2hvcnQ=" decodes to 5 bytes, not 16`. */
  detail: string;
  /** The RFC anchor, e.g. `RFC 6455 §4.2.1 (5)`. */
  rfc: string;
  /** Header names (lower case) the check reads; `:start-line` for the request or status line. */
  headers: string[];
}

/**
 * Build one check record (the validators' single way to write one, so every check has every field).
 * @example makeCheck('key', 'server-reads', 'Sec-WebSocket-Key is Base64 of 16 bytes', 'RFC 6455 §4.2.1 (5)', ['sec-websocket-key'], 'pass', '…')
 * @see RFC 6455 §4.2.1
 */
export function makeCheck(
  id: HandshakeCheckId,
  stage: HandshakeStage,
  title: string,
  rfc: string,
  headers: string[],
  status: CheckStatus,
  detail: string,
): HandshakeCheck {
  return { id, stage, title, status, detail, rfc, headers };
}

/**
 * The first check of either side: did the HTTP text parse? Fails on the first parse error, warns on the first
 * warning (e.g. bare `\n` line ends), else passes with `okDetail`.
 * @example syntaxCheck('request-syntax', 'client-request', 'The request is valid HTTP/1.1 text', 'RFC 6455 §4.1 (1)', [], 'ok').status // 'pass'
 * @see RFC 6455 §4.1, §4.2.2
 */
export function syntaxCheck(
  id: HandshakeCheckId,
  stage: HandshakeStage,
  title: string,
  rfc: string,
  problems: readonly ParseProblem[],
  okDetail: string,
): HandshakeCheck {
  const error = problems.find((p) => p.severity === 'error');
  const warning = problems.find((p) => p.severity === 'warning');
  return makeCheck(
    id,
    stage,
    title,
    rfc,
    [':start-line'],
    error ? 'fail' : warning ? 'warn' : 'pass',
    error ? `Line ${error.line}: ${error.message}` : warning ? warning.message : okDetail,
  );
}

/**
 * The first check that ends the handshake (a `fail`), or `null` when none does: where a server stops reading
 * (RFC 6455 §4.2.1) or where a client fails the connection (§4.1).
 * @example firstFailure(validateRequest(parseRequest('POST / HTTP/1.1\r\n\r\n')).checks)?.id // 'method'
 * @see RFC 6455 §4.2.1
 */
export function firstFailure(checks: readonly HandshakeCheck[]): HandshakeCheck | null {
  return checks.find((c) => c.status === 'fail') ?? null;
}

/**
 * Quote header values for a detail line, or say they are missing.
 * @example shown(['chat', 'superchat']) // '“chat”, “superchat”'
 * @see RFC 6455 §4.1
 */
export function shown(values: readonly string[]): string {
  if (values.length === 0) return 'missing';
  return values.map((v) => `“${v}”`).join(', ');
}
