/**
 * MQTT names as the OASIS standards write them: control packet types, MQTT 5 properties and reason codes.
 * @see MQTT Version 3.1.1 (OASIS Standard, 2014) §2.2.1, §3.2.2.3, §3.9.3
 * @see MQTT Version 5.0 (OASIS Standard, 2019) §2.1.2, §2.2.2.2, §2.4
 */

/** MQTT Control Packet types by their 4-bit value (§2.2.1 in 3.1.1, §2.1.2 in 5.0). AUTH exists in 5.0 only. */
export const PACKET_TYPES = [
  'Reserved',
  'CONNECT',
  'CONNACK',
  'PUBLISH',
  'PUBACK',
  'PUBREC',
  'PUBREL',
  'PUBCOMP',
  'SUBSCRIBE',
  'SUBACK',
  'UNSUBSCRIBE',
  'UNSUBACK',
  'PINGREQ',
  'PINGRESP',
  'DISCONNECT',
  'AUTH',
] as const;

export type PropertyType = 'byte' | 'u16' | 'u32' | 'vbi' | 'utf8' | 'binary' | 'pair';

/** MQTT 5 properties by identifier (§2.2.2.2): name and data type. */
export const PROPERTIES: Readonly<Record<number, readonly [string, PropertyType]>> = {
  0x01: ['Payload Format Indicator', 'byte'],
  0x02: ['Message Expiry Interval', 'u32'],
  0x03: ['Content Type', 'utf8'],
  0x08: ['Response Topic', 'utf8'],
  0x09: ['Correlation Data', 'binary'],
  0x0b: ['Subscription Identifier', 'vbi'],
  0x11: ['Session Expiry Interval', 'u32'],
  0x12: ['Assigned Client Identifier', 'utf8'],
  0x13: ['Server Keep Alive', 'u16'],
  0x15: ['Authentication Method', 'utf8'],
  0x16: ['Authentication Data', 'binary'],
  0x17: ['Request Problem Information', 'byte'],
  0x18: ['Will Delay Interval', 'u32'],
  0x19: ['Request Response Information', 'byte'],
  0x1a: ['Response Information', 'utf8'],
  0x1c: ['Server Reference', 'utf8'],
  0x1f: ['Reason String', 'utf8'],
  0x21: ['Receive Maximum', 'u16'],
  0x22: ['Topic Alias Maximum', 'u16'],
  0x23: ['Topic Alias', 'u16'],
  0x24: ['Maximum QoS', 'byte'],
  0x25: ['Retain Available', 'byte'],
  0x26: ['User Property', 'pair'],
  0x27: ['Maximum Packet Size', 'u32'],
  0x28: ['Wildcard Subscription Available', 'byte'],
  0x29: ['Subscription Identifier Available', 'byte'],
  0x2a: ['Shared Subscription Available', 'byte'],
};

/** MQTT 5 reason codes (§2.4); 0x00 is named by the packet it is in. */
const REASON_CODES: Readonly<Record<number, string>> = {
  0x01: 'Granted QoS 1',
  0x02: 'Granted QoS 2',
  0x04: 'Disconnect with Will Message',
  0x10: 'No matching subscribers',
  0x11: 'No subscription existed',
  0x18: 'Continue authentication',
  0x19: 'Re-authenticate',
  0x80: 'Unspecified error',
  0x81: 'Malformed Packet',
  0x82: 'Protocol Error',
  0x83: 'Implementation specific error',
  0x84: 'Unsupported Protocol Version',
  0x85: 'Client Identifier not valid',
  0x86: 'Bad User Name or Password',
  0x87: 'Not authorized',
  0x88: 'Server unavailable',
  0x89: 'Server busy',
  0x8a: 'Banned',
  0x8b: 'Server shutting down',
  0x8c: 'Bad authentication method',
  0x8d: 'Keep Alive timeout',
  0x8e: 'Session taken over',
  0x8f: 'Topic Filter invalid',
  0x90: 'Topic Name invalid',
  0x91: 'Packet Identifier in use',
  0x92: 'Packet Identifier not found',
  0x93: 'Receive Maximum exceeded',
  0x94: 'Topic Alias invalid',
  0x95: 'Packet too large',
  0x96: 'Message rate too high',
  0x97: 'Quota exceeded',
  0x98: 'Administrative action',
  0x99: 'Payload format invalid',
  0x9a: 'Retain not supported',
  0x9b: 'QoS not supported',
  0x9c: 'Use another server',
  0x9d: 'Server moved',
  0x9e: 'Shared Subscriptions not supported',
  0x9f: 'Connection rate exceeded',
  0xa0: 'Maximum connect time',
  0xa1: 'Subscription Identifiers not supported',
  0xa2: 'Wildcard Subscriptions not supported',
};

/** The name of an MQTT 5 reason code in a packet of type `packet`, or null when the code is not defined. */
export function reasonCodeName(code: number, packet: string): string | null {
  if (code === 0x00)
    return packet === 'DISCONNECT'
      ? 'Normal disconnection'
      : packet === 'SUBACK'
        ? 'Granted QoS 0'
        : 'Success';
  return REASON_CODES[code] ?? null;
}

/** MQTT 3.1.1 CONNACK return codes (§3.2.2.3). */
export const CONNECT_RETURN_CODES = [
  'Connection Accepted',
  'Connection Refused, unacceptable protocol version',
  'Connection Refused, identifier rejected',
  'Connection Refused, Server unavailable',
  'Connection Refused, bad user name or password',
  'Connection Refused, not authorized',
] as const;

/** MQTT 3.1.1 SUBACK return codes (§3.9.3). */
export function subackReturnCodeName(code: number): string | null {
  if (code <= 2) return `Success - Maximum QoS ${code}`;
  return code === 0x80 ? 'Failure' : null;
}
