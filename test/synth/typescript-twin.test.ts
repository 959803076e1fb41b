import * as path from "path";
import { Testing } from "cdktn";
import { splitNetworkCluster } from "../../examples/split-network";
import { loadSpecFile } from "../../lib/spec/load";
import { synthesizeJson } from "../../lib/synth";
import { synthText } from "./helpers";

/**
 * The two front doors are one path: the TypeScript example builds the same
 * spec as its YAML twin, and both synthesize byte-identical Terraform JSON.
 */
describe("examples/split-network.ts and examples/seed-split-network.yaml", () => {
  const yaml = loadSpecFile(path.join(__dirname, "..", "..", "examples", "seed-split-network.yaml")).spec;

  test("build the same cluster spec", () => {
    const stack = splitNetworkCluster(Testing.app());
    expect(stack.cluster?.toSpec()).toEqual(yaml);
  });

  test("synthesize byte-identical cdk.tf.json", () => {
    expect(synthesizeJson((app) => splitNetworkCluster(app))).toBe(synthText(yaml));
  });
});
