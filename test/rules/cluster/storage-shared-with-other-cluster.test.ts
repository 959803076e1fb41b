import { ClusterModel } from "../../../lib/model/model";
import { isBlocking } from "../../../lib/model/findings";
import { runRules } from "../../../lib/rules";
import { storageSharedWithOtherCluster } from "../../../lib/rules/cluster/storage-shared-with-other-cluster";
import { Body, error, findingsAfter, run, specWith, warning } from "../guests/helpers";

const rule = storageSharedWithOtherCluster;

/** An NFS storage for guest disks, added to the baseline as storages[2]. */
function addNas(b: Body, extra: Record<string, unknown> = {}): void {
  b.storages!.push({ id: "nas", type: "nfs", server: "192.168.10.200", export: "/tank/vm", content: ["images", "rootdir"], ...extra });
}

describe("N8 storage shared with another cluster", () => {
  it("finds nothing on the baseline, whose storages belong to it alone", () => expect(run(rule)).toEqual([]));

  it("finds nothing for a network storage that only this cluster uses", () => {
    expect(findingsAfter(rule, (b) => addNas(b))).toEqual([]);
  });

  it("rejects guest disks on a storage another cluster also uses", () => {
    expect(findingsAfter(rule, (b) => addNas(b, { sharedWithCluster: "lab2" }))).toEqual([error("N8", "/spec/storages/2/sharedWithCluster")]);
  });

  it("rejects a backup store shared between clusters (backups are named by VMID too)", () => {
    expect(
      findingsAfter(rule, (b) => b.storages!.push({ id: "pbs", type: "pbs", server: "192.168.10.210", datastore: "main", content: ["backup"], sharedWithCluster: "lab2" })),
    ).toEqual([error("N8", "/spec/storages/2/sharedWithCluster")]);
  });

  it("only warns about a shared storage that holds files but no guest volumes", () => {
    expect(findingsAfter(rule, (b) => addNas(b, { content: ["iso", "vztmpl"], sharedWithCluster: "lab2" }))).toEqual([
      warning("N8", "/spec/storages/2/sharedWithCluster"),
    ]);
  });

  it("explains the VMID collision and names the other cluster", () => {
    const [f] = run(rule, specWith((b) => addNas(b, { sharedWithCluster: "lab2" })));
    expect(f.message).toMatch(/cluster 'lab2'/);
    expect(f.message).toMatch(/images, rootdir/);
    expect(f.message).toMatch(/same VMID/);
    expect(f.hint).toMatch(/its own storage/);
    expect(f.hint).toMatch(/remove 'sharedWithCluster'/);
  });

  it("warns, without claiming a collision, when the other cluster has this cluster's own name", () => {
    const findings = run(rule, specWith((b) => addNas(b, { sharedWithCluster: "lab" })));
    expect(findings.map(({ rule: id, severity, path }) => ({ rule: id, severity, path }))).toEqual([warning("N8", "/spec/storages/2/sharedWithCluster")]);
    expect(findings[0].message).toMatch(/this cluster's own name/);
    expect(findings[0].message).toMatch(/N2/);
  });

  it("treats a storage whose content cannot be read as holding guest volumes", () => {
    expect(
      findingsAfter(rule, (b) => {
        addNas(b, { sharedWithCluster: "lab2" });
        delete (b.storages![2] as { content?: unknown }).content;
      }),
    ).toEqual([error("N8", "/spec/storages/2/sharedWithCluster")]);
  });

  it("skips what it cannot read instead of throwing", () => {
    const broken = specWith((b) => {
      (b.storages as unknown[]).push(null, { id: "x", type: "nfs", content: "images", sharedWithCluster: 7 });
    });
    expect(() => run(rule, broken)).not.toThrow();
    expect(run(rule, broken)).toEqual([]);
    const noList = specWith((b) => ((b as { storages?: unknown }).storages = { nas: {} }));
    expect(run(rule, noList)).toEqual([]);
  });

  it("blocks synthesis unless the spec acknowledges N8", () => {
    const shared = specWith((b) => addNas(b, { sharedWithCluster: "lab2" }));
    const blocking = (spec: typeof shared) => runRules(new ClusterModel(spec), [rule]).filter(isBlocking);
    expect(blocking(shared)).toHaveLength(1);
    const acknowledged = specWith((b) => {
      addNas(b, { sharedWithCluster: "lab2" });
      b.acknowledge = [{ rule: "N8", reason: "lab2 is being migrated here; VMIDs kept apart until 2027-01" }];
    });
    expect(blocking(acknowledged)).toEqual([]);
  });
});
