import { ClusterSpec } from "../../lib/model/spec-types";
import { baseSpec } from "../fixtures/base-spec";
import { resources, synth } from "../synth/helpers";

function withCeph(extra: Partial<NonNullable<ClusterSpec["spec"]["ceph"]>>): ClusterSpec {
  const doc = baseSpec();
  return { ...doc, spec: { ...doc.spec, ceph: { ...doc.spec.ceph!, ...extra } } };
}

function installSteps(spec: ClusterSpec) {
  return [...resources(synth(spec)).entries()].filter(([address]) => address.startsWith("terraform_data.ceph_install_"));
}

function scriptOf(body: Record<string, unknown>): string {
  const provisioners = body.provisioner as { "remote-exec": { inline: string[] } }[];
  return provisioners[0]["remote-exec"].inline.join("\n");
}

describe("Ceph package installation", () => {
  test("uses pveceph's default enterprise repository and squid unless the spec says otherwise", () => {
    const steps = installSteps(baseSpec());
    expect(steps).toHaveLength(3);
    for (const [, body] of steps) {
      expect(body.input).toMatchObject({ pvecdk_step: "ceph-install", repository: "enterprise", version: "squid" });
      expect(scriptOf(body)).toContain("pveceph install --repository enterprise --version squid");
    }
  });

  test("passes ceph.repository and ceph.version to every install step, and records them so a change shows in the plan", () => {
    const steps = installSteps(withCeph({ repository: "no-subscription", version: "reef" }));
    expect(steps).toHaveLength(3);
    for (const [, body] of steps) {
      expect(body.input).toMatchObject({ repository: "no-subscription", version: "reef" });
      expect(body.triggers_replace).toMatchObject({ repository: "no-subscription", version: "reef" });
      expect(scriptOf(body)).toContain("pveceph install --repository no-subscription --version reef");
    }
  });
});
