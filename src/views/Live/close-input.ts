/** What the browser's `WebSocket.close(code, reason)` accepts, checked before calling it, with the reason in words. */
export type CloseInputCheck =
  { ok: true; code: number | undefined; reason: string } | { ok: false; error: string };

/**
 * Validate a close code and reason as the WebSocket API will: the code must be 1000 or 3000–4999 (the others are
 * for the protocol or the browser itself), and the reason at most 123 UTF-8 bytes (a control frame holds 125
 * bytes, two of them the code).
 * @see https://websockets.spec.whatwg.org/#dom-websocket-close
 */
export function checkCloseInput(codeText: string, reason: string): CloseInputCheck {
  const trimmed = codeText.trim();
  const reasonBytes = new TextEncoder().encode(reason).length;
  if (trimmed === '') {
    if (reason !== '')
      return { ok: false, error: 'A reason needs a code: the reason travels after the 2-byte code.' };
    return { ok: true, code: undefined, reason: '' };
  }
  if (!/^\d+$/.test(trimmed)) return { ok: false, error: `“${trimmed}” is not a number.` };
  const code = Number(trimmed);
  if (code !== 1000 && (code < 3000 || code > 4999)) {
    return {
      ok: false,
      error:
        `${code} is not allowed from a page: the browser accepts 1000 (normal closure) or 3000–4999 ` +
        '(3000–3999 registered by libraries and frameworks, 4000–4999 private use). Codes 1001–2999 are kept for ' +
        'the protocol and the browser itself (RFC 6455 §7.4).',
    };
  }
  if (reasonBytes > 123) {
    return {
      ok: false,
      error: `The reason is ${reasonBytes} UTF-8 bytes; at most 123 fit, since a close frame carries at most 125 bytes and 2 hold the code (RFC 6455 §5.5).`,
    };
  }
  return { ok: true, code, reason };
}
