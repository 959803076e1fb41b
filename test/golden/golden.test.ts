import * as fs from "fs";
import { BlockingFindingsError } from "../../constructs/errors";
import { exampleSpecs, synthText, twoNodeQDeviceSpec } from "../synth/helpers";
import { compareWithGolden, goldenPath, lineDiff } from "./golden";

/**
 * Whole synthesized stacks, reviewed like code: a change in the output shows
 * up as a diff of the golden file in the pull request. One golden file per
 * example in examples/, plus the two-node fixture (bonds, NFS, QDevice, node
 * affinity) that the examples do not cover.
 */
const examples = exampleSpecs();

describe.each(examples.filter((e) => !e.blocked).map((e) => [e.name, e] as const))("golden cdk.tf.json: examples/%s.yaml", (name, example) => {
  test("matches the reviewed golden file", () => {
    expect(compareWithGolden(name, synthText(example.spec))).toBe("");
  });
});

describe.each(examples.filter((e) => e.blocked).map((e) => [e.name, e] as const))("cautionary example examples/%s.yaml", (name, example) => {
  test("is refused with its findings, so it has no golden file", () => {
    expect(() => synthText(example.spec)).toThrow(BlockingFindingsError);
    expect(fs.existsSync(goldenPath(name))).toBe(false);
  });
});

test("golden cdk.tf.json: fixture two nodes with a QDevice", () => {
  expect(compareWithGolden("fixture-two-node-qdevice", synthText(twoNodeQDeviceSpec()))).toBe("");
});

test("the examples include the default one and at least one synthesizable cluster", () => {
  expect(examples.map((e) => e.name)).toContain("seed-split-network");
  expect(examples.find((e) => e.name === "seed-split-network")?.blocked).toBe(false);
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
