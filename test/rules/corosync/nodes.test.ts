import { clusterName } from "../../../lib/rules/corosync/cluster-name";
import { pveVersionsMatch } from "../../../lib/rules/corosync/pve-versions-match";
import { nodeCountLimit } from "../../../lib/rules/corosync/node-count-limit";
import { error, findingsAfter, run, specWith, warning } from "../guests/helpers";

describe("N2 cluster name", () => {
  const rule = clusterName;

  it("accepts the baseline name 'lab'", () => expect(run(rule)).toEqual([]));

  it("rejects names longer than 15 characters", () => {
    expect(findingsAfter(rule, (b) => (b.name = "production-east1"))).toEqual([error("N2", "/spec/name")]);
    expect(findingsAfter(rule, (b) => (b.name = "production-east"))).toEqual([]);
  });

  it("rejects characters pvecm does not allow and hyphens at either end", () => {
    expect(findingsAfter(rule, (b) => (b.name = "lab_1"))).toEqual([error("N2", "/spec/name")]);
    expect(findingsAfter(rule, (b) => (b.name = "-lab"))).toEqual([error("N2", "/spec/name")]);
    expect(findingsAfter(rule, (b) => (b.name = "lab-1"))).toEqual([]);
  });

  it("says why and that the name cannot change later", () => {
    const [f] = run(rule, specWith((b) => (b.name = "a-very-long-cluster")));
    expect(f.message).toMatch(/19 characters/);
    expect(f.message).toMatch(/cannot be changed/);
  });
});

describe("N4 PVE major versions", () => {
  const rule = pveVersionsMatch;

  it("finds nothing when all nodes run 9.0", () => expect(run(rule)).toEqual([]));

  it("warns at the node whose major version differs from the rest", () => {
    expect(findingsAfter(rule, (b) => (b.nodes[2].pveVersion = "8.4"))).toEqual([warning("N4", "/spec/nodes/2/pveVersion")]);
  });

  it("accepts different minor versions of one major, and nodes without a version", () => {
    expect(
      findingsAfter(rule, (b) => {
        b.nodes[1].pveVersion = "9.1";
        delete b.nodes[2].pveVersion;
      }),
    ).toEqual([]);
  });
});

describe("N9 large clusters", () => {
  const rule = nodeCountLimit;
  const withNodes = (count: number) =>
    findingsAfter(rule, (b) => {
      while (b.nodes.length < count) b.nodes.push({ ...b.nodes[0], name: `pve${b.nodes.length + 1}`, addresses: {} });
    });

  it("accepts 32 nodes", () => expect(withNodes(32)).toEqual([]));
  it("warns at 33 nodes", () => expect(withNodes(33)).toEqual([warning("N9", "/spec/nodes")]));
});
