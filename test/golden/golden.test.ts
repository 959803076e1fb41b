import { ClusterSpec } from "../../lib/model/spec-types";
import { baseSpec } from "../fixtures/base-spec";
import { synthText, twoNodeQDeviceSpec } from "../synth/helpers";
import { compareWithGolden, lineDiff } from "./golden";

/**
 * Whole synthesized stacks, reviewed like code: a change in the output shows
 * up as a diff of the golden file in the pull request.
 */
const cases: readonly [string, () => ClusterSpec][] = [
  ["fixture-base-spec", baseSpec],
  ["fixture-two-node-qdevice", twoNodeQDeviceSpec],
];

describe.each(cases)("golden cdk.tf.json: %s", (name, makeSpec) => {
  test("matches the reviewed golden file", () => {
    expect(compareWithGolden(name, synthText(makeSpec()))).toBe("");
  });
});

describe("golden diffs", () => {
  test("show the changed lines with their line numbers and some context", () => {
    const before = ["{", '  "a": 1,', '  "b": 2,', '  "c": 3', "}"];
    const after = ["{", '  "a": 1,', '  "b": 20,', '  "c": 3', "}"];
    expect(lineDiff(before, after)).toBe(
      ["2 changed line(s):", "      1 | {", "      2 |   \"a\": 1,", "-     3 |   \"b\": 2,", "+     3 |   \"b\": 20,", "      4 |   \"c\": 3", "      5 | }"].join("\n"),
    );
  });
});
