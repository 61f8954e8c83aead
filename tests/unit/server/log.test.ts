import { afterEach, describe, expect, it, vi } from 'vitest';
import { logRecovered } from '../../../server/log';

describe('logRecovered()', () => {
  afterEach(() => vi.restoreAllMocks());

  it('writes a recovered bug to stderr with where it happened and its stack', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    logRecovered('reading a connection', new TypeError('x is undefined'));
    expect(spy).toHaveBeenCalledTimes(1);
    expect(String(spy.mock.calls[0]?.[0])).toMatch(
      /^\[framescope server\] reading a connection: TypeError: x is undefined/,
    );
  });

  it('stays quiet when the peer merely went away (ECONNRESET, EPIPE)', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    for (const code of ['ECONNRESET', 'EPIPE'])
      logRecovered('socket', Object.assign(new Error(code), { code }));
    expect(spy).not.toHaveBeenCalled();
    logRecovered('socket', Object.assign(new Error('bad'), { code: 'ERR_SOMETHING' }));
    expect(spy).toHaveBeenCalledTimes(1);
  });
});
