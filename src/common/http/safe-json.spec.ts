import { MAX_JSON_DEPTH, parseSafeJson as parse } from './safe-json';

describe('parseSafeJson', () => {
  it('passes ordinary bodies through unchanged', () => {
    const body = { anchor: 'a7', stance: 'amend', text: '说明 __proto__ constructor 也可以写在正文里', quote: { start: 1, end: 3 }, list: [[1], { a: [2] }] };
    expect(parse(JSON.stringify(body))).toEqual(body);
  });

  it.each(['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '__defineGetter__'])('refuses the key %s at any depth', (key) => {
    expect(() => parse(`{"${key}": {"polluted": true}}`)).toThrow(SyntaxError);
    expect(() => parse(`{"a": [{"b": {"${key}": 1}}]}`)).toThrow(/forbidden key/);
  });

  it('refuses text PostgreSQL cannot store as sent: NUL and lone surrogates; keeps 4-byte characters', () => {
    expect(() => parse('{"text": "a\\u0000b"}')).toThrow(/NUL/);
    expect(() => parse('{"text": "\\ud800"}')).toThrow(/lone surrogate/);
    expect(() => parse('{"a": ["x", "\\udfff"]}')).toThrow(/lone surrogate/);
    expect(parse('{"text": "𠀀😀 \\u202e"}')).toEqual({ text: '𠀀😀 \u202e' });
  });

  it(`accepts ${MAX_JSON_DEPTH} levels of nesting and refuses more`, () => {
    const nest = (n: number, open: string, close: string) => open.repeat(n) + close.repeat(n);
    expect(() => parse(nest(MAX_JSON_DEPTH, '[', ']'))).not.toThrow();
    expect(() => parse(nest(MAX_JSON_DEPTH + 1, '[', ']'))).toThrow(/nested deeper/);
    expect(() => parse('{"a":'.repeat(5000) + '1' + '}'.repeat(5000))).toThrow(/nested deeper|call stack/);
  });
});
