import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { formatExtensions, parseExtensions } from '../../../src/codec/extensions';
import {
  negotiatePermessageDeflate,
  validatePermessageDeflateResponse,
  type PermessageDeflateServerConfig,
} from '../../../src/codec/permessage-deflate-negotiation';
import {
  parsePermessageDeflateOffer,
  parsePermessageDeflateResponse,
} from '../../../src/codec/permessage-deflate-params';

const one = (header: string) => {
  const parsed = parseExtensions(header);
  expect(parsed.errors).toEqual([]);
  return parsed.extensions[0]!;
};
const list = (header: string) => parseExtensions(header).extensions;

describe('parsePermessageDeflateOffer()', () => {
  it('reads every parameter', () => {
    expect(
      parsePermessageDeflateOffer(
        one(
          'permessage-deflate; server_no_context_takeover; client_no_context_takeover; server_max_window_bits=10; client_max_window_bits',
        ),
      ),
    ).toEqual({
      ok: true,
      offer: {
        serverNoContextTakeover: true,
        clientNoContextTakeover: true,
        serverMaxWindowBits: 10,
        clientMaxWindowBits: true,
      },
    });
    expect(parsePermessageDeflateOffer(one('permessage-deflate; client_max_window_bits="8"'))).toEqual({
      ok: true,
      offer: { serverNoContextTakeover: false, clientNoContextTakeover: false, clientMaxWindowBits: 8 },
    });
  });

  it.each([
    ['permessage-deflate; server_max_window_bits', 'needs a value', '§7.1.2.1'],
    ['permessage-deflate; server_max_window_bits=7', 'not an integer from 8 to 15', '§7.1.2.1'],
    ['permessage-deflate; server_max_window_bits=16', 'not an integer from 8 to 15', '§7.1.2.1'],
    ['permessage-deflate; client_max_window_bits=08', 'without leading zeros', '§7.1.2.2'],
    ['permessage-deflate; client_max_window_bits=+9', 'not an integer', '§7.1.2.2'],
    ['permessage-deflate; server_no_context_takeover=1', 'must not have a value', '§7.1.1.1'],
    ['permessage-deflate; client_no_context_takeover=true', 'must not have a value', '§7.1.1.2'],
    ['permessage-deflate; client_no_context_takeover; client_no_context_takeover', 'more than once', '§7.1'],
    ['permessage-deflate; mystery', 'unknown parameter "mystery"', '§7.1'],
    ['x-webkit-deflate-frame', 'is not permessage-deflate', '§7'],
  ])('rejects %s', (header, message, section) => {
    const check = parsePermessageDeflateOffer(one(header));
    expect(check).toEqual({
      ok: false,
      problems: [{ message: expect.stringContaining(message), rfc: `RFC 7692 ${section}` }],
    });
  });

  it('reports every problem of one offer', () => {
    const check = parsePermessageDeflateOffer(one('permessage-deflate; a; server_max_window_bits=99'));
    expect(check.ok === false && check.problems.length).toBe(2);
  });
});

describe('parsePermessageDeflateResponse()', () => {
  it('requires a value for client_max_window_bits', () => {
    expect(parsePermessageDeflateResponse(one('permessage-deflate; client_max_window_bits'))).toEqual({
      ok: false,
      problems: [{ message: expect.stringContaining('needs a value'), rfc: 'RFC 7692 §7.1.2.2' }],
    });
    expect(parsePermessageDeflateResponse(one('permessage-deflate; client_max_window_bits=12')).ok).toBe(
      true,
    );
  });
});

describe('negotiatePermessageDeflate()', () => {
  const negotiate = (offer: string, config: PermessageDeflateServerConfig = {}) => {
    const result = negotiatePermessageDeflate(list(offer), config);
    return { ...result, header: result.response && formatExtensions([result.response]) };
  };

  it("accepts Chromium's offer with defaults", () => {
    expect(negotiate('permessage-deflate; client_max_window_bits')).toEqual({
      acceptedIndex: 0,
      response: { name: 'permessage-deflate', params: [] },
      header: 'permessage-deflate',
      params: {
        serverNoContextTakeover: false,
        clientNoContextTakeover: false,
        serverMaxWindowBits: 15,
        clientMaxWindowBits: 15,
      },
      declined: [],
    });
  });

  it.each<[string, PermessageDeflateServerConfig, string]>([
    ['permessage-deflate; client_max_window_bits', { clientMaxWindowBits: 10 }, 'client_max_window_bits=10'],
    ['permessage-deflate; client_max_window_bits=9', { clientMaxWindowBits: 10 }, 'client_max_window_bits=9'],
    [
      'permessage-deflate; client_max_window_bits=12',
      { clientMaxWindowBits: 10 },
      'client_max_window_bits=10',
    ],
    ['permessage-deflate; client_max_window_bits=12', {}, 'client_max_window_bits=12'],
    ['permessage-deflate', { clientMaxWindowBits: 10 }, ''],
    ['permessage-deflate; server_max_window_bits=12', {}, 'server_max_window_bits=12'],
    ['permessage-deflate; server_max_window_bits=12', { serverMaxWindowBits: 9 }, 'server_max_window_bits=9'],
    ['permessage-deflate; server_max_window_bits=9', { serverMaxWindowBits: 12 }, 'server_max_window_bits=9'],
    ['permessage-deflate', { serverMaxWindowBits: 11 }, 'server_max_window_bits=11'],
    ['permessage-deflate; server_no_context_takeover', {}, 'server_no_context_takeover'],
    ['permessage-deflate', { serverNoContextTakeover: true }, 'server_no_context_takeover'],
    ['permessage-deflate; client_no_context_takeover', {}, 'client_no_context_takeover'],
    ['permessage-deflate', { clientNoContextTakeover: true }, 'client_no_context_takeover'],
  ])('answers %s with config %j by "%s"', (offer, config, params) => {
    expect(negotiate(offer, config).header).toBe(
      params ? `permessage-deflate; ${params}` : 'permessage-deflate',
    );
  });

  it('passes over malformed offers and other extensions, saying why, and takes the first good one', () => {
    const result = negotiate(
      'foo, permessage-deflate; server_max_window_bits=20, permessage-deflate; client_max_window_bits=11, permessage-deflate',
    );
    expect(result.acceptedIndex).toBe(2);
    expect(result.header).toBe('permessage-deflate; client_max_window_bits=11');
    expect(result.params?.clientMaxWindowBits).toBe(11);
    expect(result.declined).toEqual([
      { index: 1, problems: [{ message: expect.stringContaining('=20'), rfc: 'RFC 7692 §7.1.2.1' }] },
    ]);
  });

  it('declines when nothing acceptable is offered', () => {
    expect(negotiate('permessage-deflate; bogus')).toMatchObject({
      acceptedIndex: -1,
      response: null,
      params: null,
    });
    expect(negotiate('')).toEqual({
      acceptedIndex: -1,
      response: null,
      params: null,
      declined: [],
      header: null,
    });
  });
});

describe('validatePermessageDeflateResponse()', () => {
  const validate = (offers: string, response: string) =>
    validatePermessageDeflateResponse(list(offers), list(response));

  it('accepts a response that fits the offer and gives the parameters in force', () => {
    expect(
      validate('permessage-deflate; client_max_window_bits', 'permessage-deflate; client_max_window_bits=10'),
    ).toEqual({
      ok: true,
      offerIndex: 0,
      params: {
        serverNoContextTakeover: false,
        clientNoContextTakeover: false,
        serverMaxWindowBits: 15,
        clientMaxWindowBits: 10,
      },
    });
    // Parameters a server may add on its own (§7.1.1.1, §7.1.1.2, §7.1.2.1).
    expect(
      validate(
        'permessage-deflate',
        'permessage-deflate; server_no_context_takeover; client_no_context_takeover; server_max_window_bits=9',
      ),
    ).toMatchObject({
      ok: true,
      params: { serverNoContextTakeover: true, clientNoContextTakeover: true, serverMaxWindowBits: 9 },
    });
    // A client's own limit stays in force when the server does not answer it; its promise too.
    expect(
      validate(
        'permessage-deflate; client_max_window_bits=11; client_no_context_takeover',
        'permessage-deflate',
      ),
    ).toMatchObject({
      ok: true,
      params: { clientMaxWindowBits: 11, clientNoContextTakeover: true },
    });
  });

  it('is not an error when the server declines', () => {
    expect(validate('permessage-deflate', 'foo')).toEqual({ ok: true, params: null, offerIndex: -1 });
  });

  it.each([
    [
      'permessage-deflate',
      'permessage-deflate; client_max_window_bits=10',
      'the offer did not have client_max_window_bits',
    ],
    [
      'permessage-deflate; client_max_window_bits=10',
      'permessage-deflate; client_max_window_bits=12',
      'larger than the offered 10',
    ],
    [
      'permessage-deflate; client_max_window_bits',
      'permessage-deflate; client_max_window_bits',
      'needs a value',
    ],
    [
      'permessage-deflate; server_max_window_bits=10',
      'permessage-deflate',
      'must answer with a value no larger',
    ],
    [
      'permessage-deflate; server_max_window_bits=10',
      'permessage-deflate; server_max_window_bits=11',
      'larger than the offered 10',
    ],
    ['permessage-deflate; server_no_context_takeover', 'permessage-deflate', 'must answer with it too'],
    ['permessage-deflate', 'permessage-deflate; x=1', 'unknown parameter'],
    [
      'permessage-deflate',
      'permessage-deflate; server_max_window_bits=9; server_max_window_bits=9',
      'more than once',
    ],
    ['permessage-deflate', 'permessage-deflate; server_max_window_bits=016', 'without leading zeros'],
    ['permessage-deflate', 'permessage-deflate, permessage-deflate', '2 times'],
    ['foo', 'permessage-deflate', 'did not offer'],
  ])('offer %s, response %s: rejected (%s)', (offers, response, message) => {
    const check = validate(offers, response);
    expect(check.ok).toBe(false);
    expect(check.ok === false && check.problems.map((p) => p.message).join('\n')).toContain(message);
  });

  it('matches the response against each offer in turn', () => {
    const offers = 'permessage-deflate; server_max_window_bits=10, permessage-deflate';
    expect(validate(offers, 'permessage-deflate; server_max_window_bits=12')).toMatchObject({
      ok: true,
      offerIndex: 1,
    });
    const check = validate(
      'permessage-deflate; server_no_context_takeover, permessage-deflate; client_max_window_bits=9',
      'permessage-deflate; client_max_window_bits=10',
    );
    expect(check.ok === false && check.problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/^against offer 1: .*server_no_context_takeover/),
      expect.stringMatching(/^against offer 1: .*the offer did not have client_max_window_bits/),
      expect.stringMatching(/^against offer 2: .*larger than the offered 9/),
    ]);
  });
});

/** The `ws` library's own negotiation, driven through its PerMessageDeflate class and header helpers. */
interface WsPerMessageDeflate {
  offer(): Record<string, true | number>;
  accept(configurations: Record<string, (string | true)[]>[]): Record<string, true | number>;
}
const ws = createRequire(import.meta.url)('ws') as {
  PerMessageDeflate: new (options: Record<string, unknown>) => WsPerMessageDeflate;
  extension: {
    format(
      extensions: Record<string, Record<string, true | number> | Record<string, true | number>[]>,
    ): string;
    parse(header: string): Record<string, Record<string, (string | true)[]>[]>;
  };
};

describe('negotiation against the ws library', () => {
  const clientOptions: Record<string, unknown>[] = [
    {},
    { clientMaxWindowBits: 10 },
    { serverMaxWindowBits: 9, clientNoContextTakeover: true },
    { serverNoContextTakeover: true, clientMaxWindowBits: false },
  ];
  const serverConfigs: PermessageDeflateServerConfig[] = [
    {},
    { clientMaxWindowBits: 9 },
    { serverMaxWindowBits: 8, serverNoContextTakeover: true },
    { clientNoContextTakeover: true, serverMaxWindowBits: 12 },
  ];

  it.each(clientOptions)(
    'our server answers a ws client offering %j, and the ws client agrees',
    (options) => {
      for (const config of serverConfigs) {
        const client = new ws.PerMessageDeflate(options);
        const offerHeader = ws.extension.format({ 'permessage-deflate': client.offer() });
        const ours = negotiatePermessageDeflate(list(offerHeader), config);
        expect(ours.response).not.toBeNull();
        const responseHeader = formatExtensions([ours.response!]);
        const accepted = client.accept(ws.extension.parse(responseHeader)['permessage-deflate']!);
        expect({
          serverNoContextTakeover: accepted.server_no_context_takeover === true,
          clientNoContextTakeover:
            accepted.client_no_context_takeover === true || options.clientNoContextTakeover === true,
          serverMaxWindowBits: accepted.server_max_window_bits ?? 15,
          clientMaxWindowBits: accepted.client_max_window_bits ?? 15,
        }).toEqual(ours.params);
        // Our client-side check agrees with our server-side answer.
        expect(validatePermessageDeflateResponse(list(offerHeader), list(responseHeader))).toMatchObject({
          ok: true,
          params: ours.params,
        });
      }
    },
  );

  it.each(serverConfigs)(
    'a ws server configured like %j answers our offers and we accept its answer',
    (config) => {
      for (const offerHeader of [
        'permessage-deflate; client_max_window_bits',
        'permessage-deflate; client_max_window_bits=10; server_max_window_bits=12',
        'permessage-deflate; server_no_context_takeover; client_max_window_bits',
      ]) {
        const server = new ws.PerMessageDeflate({ ...config, isServer: true });
        const accepted = server.accept(ws.extension.parse(offerHeader)['permessage-deflate']!);
        const responseHeader = ws.extension.format({ 'permessage-deflate': accepted });
        const check = validatePermessageDeflateResponse(list(offerHeader), list(responseHeader));
        expect(check, `${offerHeader} → ${responseHeader}`).toMatchObject({ ok: true, offerIndex: 0 });
        expect(check.ok && check.params?.serverMaxWindowBits).toBe(accepted.server_max_window_bits ?? 15);
      }
    },
  );
});
