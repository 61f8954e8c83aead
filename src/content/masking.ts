/** Teaching text for the Masking view (RFC 6455 §5.3 and §10.3). */
export const MASKING_TEXT = {
  intro:
    'A client XORs every payload byte with one byte of a 4-byte masking key: byte i uses key byte i mod 4. The server runs the very same operation to get the payload back, because (x ⊕ k) ⊕ k = x.',
  whyTitle: 'Why clients mask (RFC 6455 §10.3)',
  why: [
    'Some proxies and caches on the path do not understand WebSocket. Without masking, a script in a web page could choose bytes that such a proxy mistakes for an HTTP request or response, and poison its cache for other users.',
    'With a fresh, unpredictable key for every frame, the script cannot know which bytes will actually cross the wire, so it cannot forge anything. Masking is not encryption: the key travels in the frame, in clear.',
    'Servers do not mask: the attack needs a script inside the browser choosing bytes, and a server is not controlled by untrusted scripts.',
  ],
  unmaskNote:
    'Unmasking is the same XOR with the same key: feed the masked bytes in, and the original payload comes out.',
  keyboard:
    'Keyboard: Space plays or pauses, → and ← step one bit, Shift + arrow steps one byte, Home and End jump to the first and last byte.',
} as const;
