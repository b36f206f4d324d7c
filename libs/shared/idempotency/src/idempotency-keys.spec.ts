import { canonicalJson, requestHash } from './idempotency-keys';

describe('idempotency request hash', () => {
  it('writes the same JSON whatever the order of the keys, dropping undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: true, y: null }], c: undefined } })).toBe('{"a":{"d":[1,{"y":null,"z":true}]},"b":1}');
    expect(canonicalJson({ at: new Date('2026-01-02T03:04:05Z') })).toBe('{"at":"2026-01-02T03:04:05.000Z"}');
  });

  it('hashes the operation with the input', () => {
    const input = { title: 'Lamp', location: { lat: 1, lng: 2 } };
    expect(requestHash('reportProblem', input)).toBe(requestHash('reportProblem', { location: { lng: 2, lat: 1 }, title: 'Lamp' }));
    expect(requestHash('reportProblem', input)).toMatch(/^[0-9a-f]{64}$/);
    expect(requestHash('proposeSolution', input)).not.toBe(requestHash('reportProblem', input));
    expect(requestHash('reportProblem', { ...input, title: 'Lamp!' })).not.toBe(requestHash('reportProblem', input));
  });
});
