import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('sorts keys by UTF-16 code units and writes strings and numbers as RFC 8785 does', () => {
    const input = { text: 'a\u2028b"\\\u0001\u007f😀中文\n', seq: 12, b: [1, -0, 1e21, 0.1], é: 1, z: null, A: true, '😀': 2, '\ufb33': 3 };
    const expected = '{"A":true,"b":[1,0,1e+21,0.1],"seq":12,"text":"a\u2028b\\"\\\\\\u0001\u007f😀中文\\n","z":null,"é":1,"😀":2,"\ufb33":3}';
    expect(canonicalJson(input)).toBe(expected);
  });

  it('drops undefined members and refuses what JSON cannot hold', () => {
    expect(canonicalJson({ b: 1, a: undefined })).toBe('{"b":1}');
    expect(() => canonicalJson(Number.NaN)).toThrow();
    expect(() => canonicalJson({ x: Infinity })).toThrow();
    expect(() => canonicalJson('\ud800')).toThrow();
  });
});
