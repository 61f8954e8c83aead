/**
 * Framescope's protocol core: RFC 6455 framing and RFC 7692 compression in pure TypeScript.
 * Runs unchanged in the browser, in Web Workers and in Node; imports nothing from the DOM, Node or Svelte.
 *
 * This file is the public API a person would use; the app imports internals (frame-header.ts, frame-rules.ts, …)
 * from their own modules. Each area owns one module; this file only re-exports.
 *
 * @example
 * import { createReceiver, decodeFrame, encodeFrame, parseHex } from './codec';
 *
 * // Build a masked client frame: 81 85 37 fa 21 3d 7f 9f 4d 51 58 (RFC 6455 §5.7).
 * const bytes = encodeFrame({ opcode: 0x1, payload: new TextEncoder().encode('Hello'), mask: Uint8Array.of(0x37, 0xfa, 0x21, 0x3d) });
 * // Take it apart field by field, with bit spans and violations.
 * decodeFrame(bytes).fields; // FIN, RSV1–3, opcode, MASK, Payload len, Masking-key, Payload Data
 * // Read a stream as a server would, split anywhere, one event at a time.
 * const pasted = parseHex('81 85 37 fa 21 3d 7f 9f 4d 51 58');
 * if (pasted.ok) createReceiver({ role: 'server' }).write(pasted.bytes, (e) => console.log(e.type)); // 'frame', 'message'
 * // A whole capture, both directions, as plain data for a view: decodeStream(bytes).messages[0].text === 'Hello'.
 */

// --- types and the violation catalogue
export * from './types';
export { DEFAULT_MAX_MESSAGE_SIZE } from './limits';
export { VIOLATIONS, violation } from './violations';
export type { ViolationInfo, ViolationParams } from './violations';

// --- framing (frame.ts, mask.ts, utf8.ts, close.ts, receiver.ts)
export { encodeFrame, decodeFrame, frameFields, lengthEncodingFor, FrameSpecError } from './frame';
export type { DecodeFrameOptions } from './frame';
export { opcodeName, isControlOpcode, isKnownOpcode } from './opcode';
export { applyMask, maskSteps } from './mask';
export type { MaskStep } from './mask';
export { validateUtf8, createUtf8Validator } from './utf8';
export type { Utf8Result, Utf8Validator } from './utf8';
export { closePayloadFields, describeCloseCode, encodeClosePayload, parseClosePayload } from './close';
export type { CloseCodeInfo, ClosePayload } from './close';
export { createReceiver } from './receiver';
export { encodeMessage } from './message';
export type { MessageSpec } from './message';

// --- hex input and output (hex.ts)
export { parseHex, toHex, formatHexDump, asciiColumn } from './hex';
export type { HexFormat, ParseHexResult } from './hex';

// --- handshake (handshake.ts and handshake-*.ts)
export { answerRequest, originCheck } from './handshake';
export type { ServerAnswer, ServerPolicy } from './handshake';
export {
  WEBSOCKET_GUID,
  acceptSteps,
  base64ToBytes,
  bytesToBase64,
  computeAccept,
  generateKey,
  hashBackend,
} from './handshake-accept';
export type { AcceptSteps, HashBackend, HashBackendInfo } from './handshake-accept';
export type { CheckStatus, HandshakeCheck, HandshakeCheckId, HandshakeStage } from './handshake-check';
export { buildRequest, buildResponse } from './handshake-build';
export type { RequestOptions, ResponseOptions } from './handshake-build';
export {
  headerTokens,
  headerValues,
  parseRequest,
  parseResponse,
  splitHandshakeText,
} from './handshake-http';
export type { HandshakeRequest, HandshakeResponse, HttpHeader, ParseProblem } from './handshake-http';
export { chooseSubprotocol, validateRequest } from './handshake-request';
export type { RequestValidation, ServerReply } from './handshake-request';
export { validateResponse } from './handshake-response';
export type { ResponseExpectations, ResponseValidation } from './handshake-response';

// --- extensions and permessage-deflate (extensions.ts, permessage-deflate.ts)
export { formatExtensions, isToken, parseExtensions } from './extensions';
export type { Extension, ExtensionParam, ExtensionSyntaxError, ParsedExtensions } from './extensions';
export {
  negotiatePermessageDeflate,
  validatePermessageDeflateResponse,
} from './permessage-deflate-negotiation';
export type {
  PermessageDeflateServerConfig,
  ResponseCheck,
  ServerNegotiation,
} from './permessage-deflate-negotiation';
export {
  PARAM_SECTION,
  PERMESSAGE_DEFLATE,
  parsePermessageDeflateOffer,
  parsePermessageDeflateResponse,
} from './permessage-deflate-params';
export type { NegotiationProblem, OfferCheck, PermessageDeflateOffer } from './permessage-deflate-params';
export { DEFLATE_TRAILER, createDeflater, createInflater } from './permessage-deflate';

// --- ping → pong pairing (ping-pong.ts)
export { pairPingPongs } from './ping-pong';
export type { PingNote, PingPongFrame, PingPongNote, PongNote } from './ping-pong';

// --- whole streams (stream.ts)
export { decodeStream, byteOwner, streamFrameDetail } from './stream';
export type {
  ByteOwner,
  ByteSpan,
  DecodeStreamOptions,
  Direction,
  StreamClose,
  StreamFailure,
  StreamFrame,
  StreamIncomplete,
  StreamMessage,
  StreamResult,
} from './stream';
