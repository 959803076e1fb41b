import { cephNodeCount } from "../../../lib/rules/ceph/ceph-node-count";
import { monCount } from "../../../lib/rules/ceph/mon-count";
import { monCountOdd } from "../../../lib/rules/ceph/mon-count-odd";
import { mgrPlacement } from "../../../lib/rules/ceph/mgr-placement";
import { osdLayout } from "../../../lib/rules/ceph/osd-layout";
import { nodeResources } from "../../../lib/rules/ceph/node-resources";
import { dbDeviceShared } from "../../../lib/rules/ceph/db-device-shared";
import { cephfsMds } from "../../../lib/rules/ceph/cephfs-mds";
import { monQuorumTolerance } from "../../../lib/rules/ceph/mon-quorum-tolerance";
import { Body, error, findingsAfter, info, run, specWith, warning } from "../guests/helpers";

function withoutHa(b: Body): void {
  for (const vm of b.vms!) delete vm.ha;
  delete b.haRules;
}

/** A fourth and fifth node like the baseline's, with the given Ceph roles. */
function addNodes(b: Body, count: number, ceph: Body["nodes"][number]["ceph"]): void {
  for (let k = 0; k < count; k++) {
    const i = b.nodes.length + 1;
    b.nodes.push({ ...JSON.parse(JSON.stringify(b.nodes[0])), name: `pve${i}`, addresses: { mgmt: `192.168.10.1${i}`, "ceph-public": `10.0.20.1${i}` }, ceph });
  }
}

describe("CD1 Ceph on at least three nodes", () => {
  const rule = cephNodeCount;

  it("finds nothing on the baseline", () => expect(run(rule)).toEqual([]));

  it("is an error on two nodes with HA guests", () => {
    expect(findingsAfter(rule, (b) => (b.nodes = b.nodes.slice(0, 2)))).toEqual([error("CD1", "/spec/ceph")]);
  });

  it("is a warning on two nodes without HA guests", () => {
    expect(
      findingsAfter(rule, (b) => {
        b.nodes = b.nodes.slice(0, 2);
        withoutHa(b);
      }),
    ).toEqual([warning("CD1", "/spec/ceph")]);
  });

  it("counts only nodes that take part in Ceph", () => {
    expect(findingsAfter(rule, (b) => delete b.nodes[2].ceph)).toEqual([error("CD1", "/spec/ceph")]);
  });
});

describe("CD2 three monitors", () => {
  const rule = monCount;

  it("finds nothing on the baseline", () => expect(run(rule)).toEqual([]));

  it("is an error with two monitors and HA guests", () => {
    expect(findingsAfter(rule, (b) => (b.nodes[2].ceph!.mon = false))).toEqual([error("CD2", "/spec/ceph")]);
  });

  it("is a warning with two monitors and no HA guests", () => {
    expect(
      findingsAfter(rule, (b) => {
        b.nodes[2].ceph!.mon = false;
        withoutHa(b);
      }),
    ).toEqual([warning("CD2", "/spec/ceph")]);
  });

  it("is an error without any monitor, HA or not", () => {
    expect(
      findingsAfter(rule, (b) => {
        for (const n of b.nodes) n.ceph!.mon = false;
        withoutHa(b);
      }),
    ).toEqual([error("CD2", "/spec/ceph")]);
  });

  it("notes five monitors on a five-node cluster", () => {
    expect(findingsAfter(rule, (b) => addNodes(b, 2, { mon: true }))).toEqual([info("CD2", "/spec/nodes/3/ceph/mon")]);
  });

  it("says nothing about five monitors on eight nodes", () => {
    expect(
      findingsAfter(rule, (b) => {
        addNodes(b, 2, { mon: true });
        addNodes(b, 3, {});
      }),
    ).toEqual([]);
  });
});

describe("CD3 odd number of monitors", () => {
  const rule = monCountOdd;

  it("finds nothing on the baseline", () => expect(run(rule)).toEqual([]));

  it("warns about two monitors at the last one", () => {
    expect(findingsAfter(rule, (b) => (b.nodes[2].ceph!.mon = false))).toEqual([warning("CD3", "/spec/nodes/1/ceph/mon")]);
  });

  it("warns about four monitors", () => {
    expect(findingsAfter(rule, (b) => addNodes(b, 1, { mon: true }))).toEqual([warning("CD3", "/spec/nodes/3/ceph/mon")]);
  });

  it("accepts one monitor (CD2's business)", () => {
    expect(findingsAfter(rule, (b) => (b.nodes[1].ceph!.mon = b.nodes[2].ceph!.mon = false))).toEqual([]);
  });
});

describe("CD4 managers", () => {
  const rule = mgrPlacement;

  it("finds nothing on the baseline", () => expect(run(rule)).toEqual([]));

  it("is an error without a manager", () => {
    expect(findingsAfter(rule, (b) => b.nodes.forEach((n) => (n.ceph!.mgr = false)))).toEqual([error("CD4", "/spec/ceph")]);
  });

  it("warns about a single manager", () => {
    expect(findingsAfter(rule, (b) => (b.nodes[1].ceph!.mgr = b.nodes[2].ceph!.mgr = false))).toEqual([warning("CD4", "/spec/nodes/0/ceph/mgr")]);
  });

  it("notes a manager on a node without a monitor, once", () => {
    expect(findingsAfter(rule, (b) => addNodes(b, 2, { mgr: true }))).toEqual([info("CD4", "/spec/nodes/3/ceph/mgr")]);
  });
});

describe("CD5 OSD layout", () => {
  const rule = osdLayout;

  it("finds nothing on the baseline (12 OSDs, 4 per node, equal sizes)", () => expect(run(rule)).toEqual([]));

  it("warns below 12 OSDs", () => {
    expect(findingsAfter(rule, (b) => b.nodes.forEach((n) => n.ceph!.osds!.pop()))).toEqual([warning("CD5", "/spec/ceph")]);
  });

  it("warns about an uneven OSD count at the node with the fewest", () => {
    expect(findingsAfter(rule, (b) => b.nodes[1].ceph!.osds!.push({ device: "/dev/disk/by-id/nvme-e", deviceClass: "nvme", sizeGiB: 1900 }))).toEqual([
      warning("CD5", "/spec/nodes/0/ceph/osds"),
    ]);
  });

  it("warns about uneven capacity beyond 10 %", () => {
    expect(findingsAfter(rule, (b) => b.nodes[2].ceph!.osds!.forEach((o) => (o.sizeGiB = 960)))).toEqual([warning("CD5", "/spec/nodes/2/ceph/osds")]);
  });

  it("tolerates small size differences", () => {
    expect(findingsAfter(rule, (b) => b.nodes[2].ceph!.osds!.forEach((o) => (o.sizeGiB = 1800)))).toEqual([]);
  });

  it("does not compare capacity when a size is unknown", () => {
    expect(
      findingsAfter(rule, (b) => {
        b.nodes[2].ceph!.osds!.forEach((o) => (o.sizeGiB = 960));
        delete b.nodes[2].ceph!.osds![0].sizeGiB;
      }),
    ).toEqual([]);
  });

  it("warns once per node about OSDs behind a RAID controller", () => {
    expect(
      findingsAfter(rule, (b) => {
        b.nodes[1].ceph!.osds![1].behindRaid = true;
        b.nodes[1].ceph!.osds![2].behindRaid = true;
      }),
    ).toEqual([warning("CD5", "/spec/nodes/1/ceph/osds/1/behindRaid")]);
  });

  it("is an error for two OSDs on one disk", () => {
    expect(findingsAfter(rule, (b) => (b.nodes[0].ceph!.osds![3].device = "/dev/disk/by-id/nvme-a"))).toEqual([error("CD5", "/spec/nodes/0/ceph/osds/3/device")]);
  });
});

describe("CD6 cores and memory for Ceph", () => {
  const rule = nodeResources;

  it("finds nothing on the baseline", () => expect(run(rule)).toEqual([]));

  it("warns when a node has fewer cores than Ceph daemons", () => {
    // 4 OSDs + MON + MGR = 6 daemons
    expect(findingsAfter(rule, (b) => (b.nodes[1].cpu!.cores = 5))).toEqual([warning("CD6", "/spec/nodes/1/cpu/cores")]);
  });

  it("accepts one core per daemon", () => {
    expect(findingsAfter(rule, (b) => (b.nodes[1].cpu!.cores = 6))).toEqual([]);
  });

  it("warns below 8 GiB per OSD plus 1 per MON and MGR (34 GiB here)", () => {
    expect(findingsAfter(rule, (b) => (b.nodes[2].memoryGiB = 33))).toEqual([warning("CD6", "/spec/nodes/2/memoryGiB")]);
    expect(findingsAfter(rule, (b) => (b.nodes[2].memoryGiB = 34))).toEqual([]);
  });

  it("counts 4 GiB for a metadata server", () => {
    expect(
      findingsAfter(rule, (b) => {
        b.nodes[2].memoryGiB = 37;
        b.nodes[2].ceph!.mds = true;
      }),
    ).toEqual([warning("CD6", "/spec/nodes/2/memoryGiB")]);
  });
});

describe("CD7 shared DB/WAL devices", () => {
  const rule = dbDeviceShared;

  /** Six more OSDs on pve1, all sharing the DB device of the first `shared` OSDs. */
  function shareDb(b: Body, shared: number): void {
    const osds = b.nodes[0].ceph!.osds!;
    for (let k = 0; k < 6; k++) osds.push({ device: `/dev/disk/by-id/hdd-${k}`, deviceClass: "hdd", sizeGiB: 4000 });
    osds.slice(0, shared).forEach((o) => (o.dbDevice = "/dev/disk/by-id/nvme-db"));
  }

  it("finds nothing on the baseline", () => expect(run(rule)).toEqual([]));

  it("accepts six OSDs on one DB device", () => expect(findingsAfter(rule, (b) => shareDb(b, 6))).toEqual([]));

  it("warns about the seventh OSD on one DB device", () => {
    expect(findingsAfter(rule, (b) => shareDb(b, 7))).toEqual([warning("CD7", "/spec/nodes/0/ceph/osds/6/dbDevice")]);
  });

  it("is an error when the DB device is an OSD disk", () => {
    expect(findingsAfter(rule, (b) => (b.nodes[0].ceph!.osds![0].dbDevice = "/dev/disk/by-id/nvme-b"))).toEqual([error("CD7", "/spec/nodes/0/ceph/osds/0/dbDevice")]);
  });
});

describe("CD8 CephFS metadata servers", () => {
  const rule = cephfsMds;

  it("finds nothing on the baseline (no CephFS)", () => expect(run(rule)).toEqual([]));

  it("is an error for a file system without MDS", () => {
    expect(findingsAfter(rule, (b) => (b.ceph!.fs = [{ name: "shared" }]))).toEqual([error("CD8", "/spec/ceph/fs/0")]);
  });

  it("warns about a single MDS (no standby)", () => {
    expect(
      findingsAfter(rule, (b) => {
        b.ceph!.fs = [{ name: "shared" }];
        b.nodes[1].ceph!.mds = true;
      }),
    ).toEqual([warning("CD8", "/spec/nodes/1/ceph/mds")]);
  });

  it("accepts two MDS for one file system", () => {
    expect(
      findingsAfter(rule, (b) => {
        b.ceph!.fs = [{ name: "shared" }];
        b.nodes[1].ceph!.mds = b.nodes[2].ceph!.mds = true;
      }),
    ).toEqual([]);
  });

  it("needs an active MDS for each file system", () => {
    expect(
      findingsAfter(rule, (b) => {
        b.ceph!.fs = [{ name: "shared" }, { name: "scratch" }];
        b.nodes[1].ceph!.mds = true;
      }),
    ).toEqual([error("CD8", "/spec/ceph/fs/1")]);
  });
});

describe("CD10 monitor quorum note", () => {
  const rule = monQuorumTolerance;

  it("tells how many MON nodes may be down", () => {
    const [note] = run(rule);
    expect(note).toMatchObject(info("CD10", "/spec/ceph"));
    expect(note.message).toContain("keeps serving with 1 MON node down");
  });

  it("says that two monitors tolerate no failure", () => {
    const [note] = run(rule, specWith((b) => (b.nodes[2].ceph!.mon = false)));
    expect(note.message).toContain("stops all I/O as soon as any MON node is down");
  });

  it("is silent without monitors or without Ceph", () => {
    expect(findingsAfter(rule, (b) => b.nodes.forEach((n) => (n.ceph!.mon = false)))).toEqual([]);
    expect(findingsAfter(rule, (b) => delete b.ceph)).toEqual([]);
  });
});
