import { clientAddressKey } from './client-address';

describe('clientAddressKey', () => {
  it('counts IPv4 addresses one by one, also when mapped into IPv6', () => {
    expect(clientAddressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(clientAddressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(clientAddressKey('::FFFF:127.0.0.1')).toBe('127.0.0.1');
  });

  it('counts IPv6 addresses by their /64 network, however they are written', () => {
    const key = '2001:db8:85a3:42::/64';
    expect(clientAddressKey('2001:db8:85a3:42::1')).toBe(key);
    expect(clientAddressKey('2001:0DB8:85A3:0042:ffff:1:2:3')).toBe(key);
    expect(clientAddressKey('2001:db8:85a3:42:0:0:0:9%eth0')).toBe(key);
    expect(clientAddressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientAddressKey('::1')).toBe('0:0:0:0::/64');
    expect(clientAddressKey('64:ff9b::192.0.2.33')).toBe('64:ff9b:0:0::/64');
  });

  it('keeps anything else as it is, and names a missing address', () => {
    expect(clientAddressKey(undefined)).toBe('unknown');
    expect(clientAddressKey('')).toBe('unknown');
    expect(clientAddressKey('not-an-ip')).toBe('not-an-ip');
  });
});
