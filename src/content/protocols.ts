/** Text of the "Inside the frames" panel (decoded application protocols), shared by Replay, Decoder and Live. */

export const PROTOCOL_INTRO =
  'The protocol carried inside the WebSocket messages, decoded: each unit is one application message (an MQTT packet, a Socket.IO event, a JSON-RPC call), with its fields tied to their bytes and replies paired with their requests.';

export const PROTOCOL_CHOICE_HELP =
  'Framescope guesses the protocol the way Firefox DevTools does: the negotiated Sec-WebSocket-Protocol first, then a hint in the URL, then the look of the payloads. Pick one to override the guess.';

export const PROTOCOL_NONE =
  'No application protocol was recognised in these messages. Pick one above if you know what they carry.';

export const PROTOCOL_SPANS_NOTE =
  'Hover or focus a field to light its bytes; hover a byte to find its field. A field split across WebSocket messages is lit in the message holding most of its bytes.';
