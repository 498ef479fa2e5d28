import express from 'express';
import { ConfigError } from './config-error';
import { loadConfig } from '../../../test/support/example-modules';

describe('TRUST_PROXY', () => {
  it('trusts no proxy when unset, empty or 0: X-Forwarded-For is not believed', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: ' ' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '0' }).trustProxy).toBe(false);
  });

  it('reads a number of proxies, or a list of addresses, CIDR ranges and express\'s names', () => {
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: ' 2 ' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1' }).trustProxy).toEqual(['127.0.0.1']);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, fd00::/8,::1 , Loopback,linklocal,uniquelocal' }).trustProxy).toEqual([
      '10.0.0.0/8', 'fd00::/8', '::1', 'loopback', 'linklocal', 'uniquelocal',
    ]);
  });

  it.each(['1', '127.0.0.1', '10.0.0.0/8,fd00::/8,loopback', 'uniquelocal'])('hands express a value it accepts: %s', (value) => {
    // express compiles `trust proxy` when it is set, and throws on what it cannot read.
    expect(() => express().set('trust proxy', loadConfig({ TRUST_PROXY: value }).trustProxy)).not.toThrow();
  });

  it.each([
    ['true', /^TRUST_PROXY=true would let any client choose its own address with X-Forwarded-For: use the number of proxies/],
    ['yes', /^TRUST_PROXY entry "yes" is not a proxy address: use the number of proxies in front of the app \(e\.g\. 1\), or a comma list of their addresses, CIDR ranges/],
    ['10.0.0.0/33', /^TRUST_PROXY entry "10\.0\.0\.0\/33" is not a proxy address/],
    ['fd00::/129', /^TRUST_PROXY entry "fd00::\/129" is not a proxy address/],
    ['10.0.0', /^TRUST_PROXY entry "10\.0\.0" is not a proxy address/],
    ['10.0.0.0/8/8', /^TRUST_PROXY entry "10\.0\.0\.0\/8\/8" is not a proxy address/],
    ['loopback,', /^TRUST_PROXY entry "" is not a proxy address/],
    ['1,2', /^TRUST_PROXY entry "1" is not a proxy address/],
    ['-1', /^TRUST_PROXY entry "-1" is not a proxy address/],
    ['1000', /^TRUST_PROXY "1000" is not a believable number of proxies/],
  ])('refuses %j at start-up, in one line that says what to set', (value, message) => {
    expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(ConfigError);
    expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(message);
    expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(/^[^\n]*leave it unset to trust none\.$/);
  });
});
