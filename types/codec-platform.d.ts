/**
 * The few platform globals the codec relies on. They exist in every modern browser, in Web Workers
 * and in Node ≥ 20, so the codec declares exactly these instead of pulling in DOM or Node typings.
 */
interface TextDecodeOptions {
  stream?: boolean;
}
interface TextDecoderOptions {
  fatal?: boolean;
  ignoreBOM?: boolean;
}
declare class TextDecoder {
  constructor(label?: string, options?: TextDecoderOptions);
  readonly encoding: string;
  readonly fatal: boolean;
  decode(input?: ArrayBufferView | ArrayBuffer, options?: TextDecodeOptions): string;
}
declare class TextEncoder {
  encode(input?: string): Uint8Array<ArrayBuffer>;
}
interface SubtleCrypto {
  digest(algorithm: string, data: ArrayBufferView | ArrayBuffer): Promise<ArrayBuffer>;
}
interface Crypto {
  readonly subtle?: SubtleCrypto;
  getRandomValues<T extends ArrayBufferView>(array: T): T;
}
// eslint-disable-next-line no-var -- a global declaration must be `var` to be a property of globalThis
declare var crypto: Crypto;
declare function btoa(data: string): string;
declare function atob(data: string): string;
