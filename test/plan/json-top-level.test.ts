import * as fc from "fast-check";
import { SKIPPED, parseTopLevel } from "../../lib/plan/json-top-level";

describe("parseTopLevel", () => {
  it("parses the wanted members exactly as JSON.parse does, whatever the object (property)", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), fc.integer({ min: 0, max: 4 }), (object, indent) => {
        const text = JSON.stringify(object, null, indent);
        const keys = Object.keys(object);
        const wanted = new Set(keys.filter((_, i) => i % 2 === 0));
        const parsed = parseTopLevel(text, wanted);
        const reference = JSON.parse(text) as Record<string, unknown>;
        expect(Object.keys(parsed).sort()).toEqual(Object.keys(reference).sort());
        for (const key of keys) expect(parsed[key]).toEqual(wanted.has(key) ? reference[key] : SKIPPED);
      }),
      { numRuns: 300 },
    );
  });

  it("steps over strings with escaped quotes and brackets inside skipped values", () => {
    const text = '{"skip": {"a": "x\\\\\\"}]{[", "b": [1, "]"]}, "keep": [1, {"c": "\\\\"}]}';
    expect(parseTopLevel(text, new Set(["keep"]))).toEqual({ skip: SKIPPED, keep: [1, { c: "\\" }] });
  });

  it("keeps a __proto__ key as a plain member, as JSON.parse does", () => {
    const parsed = parseTopLevel('{"__proto__": {"polluted": true}}', new Set(["__proto__"]));
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(Object.keys(parsed)).toEqual(["__proto__"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("refuses what is not one JSON object", () => {
    for (const bad of ["[1]", '{"a": 1', '{"a": 1} x', '{"a" 1}', '{"a": }', '{"a": "x}', ""]) {
      expect(() => parseTopLevel(bad, new Set(["a"]))).toThrow(SyntaxError);
    }
  });
});

describe("parseTopLevel on UTF-8 bytes", () => {
  it("reads multi-byte characters in keys, kept and skipped values exactly as JSON.parse does (property)", () => {
    const anyText = fc.string({ unit: "grapheme", maxLength: 12 });
    fc.assert(
      fc.property(fc.dictionary(anyText, fc.oneof(anyText, fc.array(anyText, { maxLength: 3 }))), (object) => {
        const text = JSON.stringify(object);
        const keys = Object.keys(object);
        const wanted = new Set(keys.filter((_, i) => i % 2 === 1));
        const parsed = parseTopLevel(Buffer.from(text, "utf8"), wanted);
        for (const key of keys) expect(parsed[key]).toEqual(wanted.has(key) ? object[key] : SKIPPED);
      }),
      { numRuns: 300 },
    );
  });

  it("accepts a Uint8Array view into a larger buffer", () => {
    const whole = Buffer.from('xx{"kept": "Café ☕ \\"quoted\\"", "skipped": {"ü": ["]"]}}yy', "utf8");
    const view = new Uint8Array(whole.buffer, whole.byteOffset + 2, whole.length - 4);
    expect(parseTopLevel(view, new Set(["kept"]))).toEqual({ kept: 'Café ☕ "quoted"', skipped: SKIPPED });
  });
});
