/**
 * Sec-WebSocket-Key and Sec-WebSocket-Accept (RFC 6455 §4.1, §4.2.2): random keys, Base64, and the
 * SHA-1 of key + GUID, computed with WebCrypto where it exists and with @noble/hashes where it does not.
 */
import { sha1 as nobleSha1 } from '@noble/hashes/legacy.js';

/**
 * The GUID every server appends to the client's key before hashing.
 * @example `dGhlIHNhbXBsZSBub25jZQ==` + WEBSOCKET_GUID → SHA-1 → Base64 = `s3pPLMBiTxaQ9kYGzzhZRbK+xOo=`
 * @see RFC 6455 §1.3
 */
export const WEBSOCKET_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/** Which implementation computed a SHA-1. */
export type HashBackend = 'webcrypto' | 'noble-hashes';

/** The SHA-1 implementation in use and why it was chosen, in words a learner can read. */
export interface HashBackendInfo {
  backend: HashBackend;
  reason: string;
}

/**
 * Encode bytes as standard Base64 (RFC 4648 §4, with padding).
 * @example bytesToBase64(new Uint8Array([0x68, 0x69])) === 'aGk='
 * @see RFC 6455 §4.1 (the key is 16 random bytes, base64-encoded)
 */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Decode strict, padded Base64 (RFC 4648 §4); `null` for anything else (no whitespace, no URL alphabet).
 * @example base64ToBytes('dGhlIHNhbXBsZSBub25jZQ==')?.length === 16
 * @see RFC 6455 §4.2.1 (the server checks that the key decodes to 16 bytes)
 */
export function base64ToBytes(text: string): Uint8Array | null {
  if (!BASE64.test(text)) return null;
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/**
 * A fresh Sec-WebSocket-Key: 16 bytes from `crypto.getRandomValues`, Base64-encoded (always 24 characters).
 * @example generateKey() // e.g. 'x3JJHMbDL1EzLkh9GBhXDw=='
 * @see RFC 6455 §4.1 (item 7: "a nonce consisting of a randomly selected 16-byte value")
 */
export function generateKey(): string {
  return bytesToBase64(crypto.getRandomValues(new Uint8Array(16)));
}

/**
 * Which SHA-1 {@link computeAccept} will use here, and why.
 * WebCrypto's `crypto.subtle` only exists in a secure context (https, or http from localhost); a
 * classroom laptop serving the app over plain http on its LAN address has none, so we fall back.
 * @example hashBackend().backend // 'webcrypto' in Node and on localhost
 * @see RFC 6455 §4.2.2 (item 5.4: the SHA-1 of key + GUID)
 */
export function hashBackend(): HashBackendInfo {
  if (typeof crypto !== 'undefined' && typeof crypto.subtle?.digest === 'function') {
    return { backend: 'webcrypto', reason: 'crypto.subtle.digest is available (a secure context).' };
  }
  const secure = (globalThis as { isSecureContext?: boolean }).isSecureContext;
  return {
    backend: 'noble-hashes',
    reason:
      secure === false
        ? 'crypto.subtle is missing because this page is not a secure context (plain http from a host other than localhost), so @noble/hashes computed the SHA-1.'
        : 'crypto.subtle is missing in this environment, so @noble/hashes computed the SHA-1.',
  };
}

/** The SHA-1 digest of `data`, and the implementation that computed it. */
async function sha1(
  data: Uint8Array<ArrayBuffer>,
  prefer?: HashBackend,
): Promise<{ digest: Uint8Array; info: HashBackendInfo }> {
  const info =
    prefer === 'noble-hashes'
      ? { backend: prefer, reason: 'The fallback was requested explicitly.' }
      : hashBackend();
  if (info.backend === 'webcrypto' && crypto.subtle) {
    try {
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-1', data));
      return { digest, info };
    } catch (err) {
      return {
        digest: nobleSha1(data),
        info: {
          backend: 'noble-hashes',
          reason: `crypto.subtle.digest failed (${String(err)}), so @noble/hashes computed the SHA-1.`,
        },
      };
    }
  }
  return { digest: nobleSha1(data), info: info as HashBackendInfo };
}

/** Every intermediate value of the Sec-WebSocket-Accept computation. */
export interface AcceptSteps {
  /** The key exactly as hashed (leading and trailing whitespace removed). */
  key: string;
  guid: string;
  /** key + GUID, the string that is hashed. */
  concatenated: string;
  /** Its ASCII bytes. */
  concatenatedBytes: Uint8Array;
  /** The 20-byte SHA-1 digest. */
  digest: Uint8Array;
  /** The digest as lower-case hex, two digits a byte, space-separated. */
  digestHex: string;
  /** Base64 of the digest: the Sec-WebSocket-Accept value. */
  accept: string;
  hash: HashBackendInfo;
}

/**
 * Compute Sec-WebSocket-Accept for a key and keep every step (for teaching).
 * @example (await acceptSteps('dGhlIHNhbXBsZSBub25jZQ==')).digestHex.startsWith('b3 7a 4f 2c')
 * @see RFC 6455 §4.2.2 (item 5.4) and §1.3
 */
export async function acceptSteps(key: string, options: { prefer?: HashBackend } = {}): Promise<AcceptSteps> {
  const trimmed = key.trim();
  const concatenated = trimmed + WEBSOCKET_GUID;
  const concatenatedBytes = new TextEncoder().encode(concatenated);
  const { digest, info } = await sha1(concatenatedBytes, options.prefer);
  const digestHex = Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join(' ');
  return {
    key: trimmed,
    guid: WEBSOCKET_GUID,
    concatenated,
    concatenatedBytes,
    digest,
    digestHex,
    accept: bytesToBase64(digest),
    hash: info,
  };
}

/**
 * The Sec-WebSocket-Accept value for a Sec-WebSocket-Key.
 * @example await computeAccept('dGhlIHNhbXBsZSBub25jZQ==') === 's3pPLMBiTxaQ9kYGzzhZRbK+xOo='
 * @see RFC 6455 §4.2.2 (item 5.4)
 */
export async function computeAccept(key: string, options: { prefer?: HashBackend } = {}): Promise<string> {
  return (await acceptSteps(key, options)).accept;
}
