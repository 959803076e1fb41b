import { checkTerraformJson, committedProviderSchema } from "../../lib/terraform";
import { baseSpec } from "../fixtures/base-spec";
import { exampleSpecs, synth, twoNodeQDeviceSpec } from "./helpers";

/**
 * Terraform cannot run here with the bpg provider, so the schema conformance
 * checker stands in for `terraform validate`: it knows the provider schema
 * (types, required keys, list-of-object attributes needing every key) and
 * Terraform's own meta-arguments and provisioners.
 */
describe.each([
  ["three nodes with Ceph (base spec)", baseSpec] as const,
  ["two nodes with a QDevice", twoNodeQDeviceSpec] as const,
  ...exampleSpecs()
    .filter((e) => !e.blocked)
    .map((e) => [`examples/${e.name}.yaml`, () => e.spec] as const),
])("schema conformance: %s", (_title, makeSpec) => {
  test("the synthesized JSON has no conformance problem, not even a warning", () => {
    expect(checkTerraformJson(synth(makeSpec()), committedProviderSchema())).toEqual([]);
  });
});
