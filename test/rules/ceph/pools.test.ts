import { poolSizeRange } from "../../../lib/rules/ceph/pool-size-range";
import { poolMinSizeOne } from "../../../lib/rules/ceph/pool-min-size-one";
import { poolSizeTwo } from "../../../lib/rules/ceph/pool-size-two";
import { poolSizeExceedsHosts } from "../../../lib/rules/ceph/pool-size-exceeds-hosts";
import { poolFailureDomain } from "../../../lib/rules/ceph/pool-failure-domain";
import { poolPgCount } from "../../../lib/rules/ceph/pool-pg-count";
import { poolErasureCoding } from "../../../lib/rules/ceph/pool-erasure-coding";
import { poolNameImmutable } from "../../../lib/rules/ceph/pool-name-immutable";
import { poolDeviceClass } from "../../../lib/rules/ceph/pool-device-class";
import { CephPoolSpec } from "../../../lib/model/spec-types";
import { Body, Mutable, error, findingsAfter, info, run, specWith, warning } from "../guests/helpers";

/** The baseline's pool, for editing. */
const pool = (b: Body) => b.ceph!.pools![0];

describe("P1 size, minSize and pgNum ranges", () => {
  const rule = poolSizeRange;

  it("finds nothing on the baseline", () => expect(run(rule)).toEqual([]));

  it("is an error for size 8", () => expect(findingsAfter(rule, (b) => (pool(b).size = 8))).toEqual([error("P1", "/spec/ceph/pools/0/size")]));

  it("accepts size 7", () => expect(findingsAfter(rule, (b) => (pool(b).size = 7))).toEqual([]));

  it("is an error for minSize 0", () => expect(findingsAfter(rule, (b) => (pool(b).minSize = 0))).toEqual([error("P1", "/spec/ceph/pools/0/minSize")]));

  it("is an error for minSize above size", () => {
    expect(findingsAfter(rule, (b) => (pool(b).minSize = 4))).toEqual([error("P1", "/spec/ceph/pools/0/minSize")]);
  });

  it("catches the default minSize 2 above size 1 at the pool", () => {
    expect(
      findingsAfter(rule, (b) => {
        pool(b).size = 1;
        delete pool(b).minSize;
      }),
    ).toEqual([error("P1", "/spec/ceph/pools/0")]);
  });

  it("is an error for pgNum 0 or above 32768", () => {
    expect(findingsAfter(rule, (b) => (pool(b).pgNum = 0))).toEqual([error("P1", "/spec/ceph/pools/0/pgNum")]);
    expect(findingsAfter(rule, (b) => (pool(b).pgNum = 65536))).toEqual([error("P1", "/spec/ceph/pools/0/pgNum")]);
  });

  it("leaves erasure-coded sizes to P7", () => {
    expect(findingsAfter(rule, (b) => b.ceph!.pools!.push({ name: "ec", erasureCoding: { k: 8, m: 3 } }))).toEqual([]);
  });
});

describe("P2 minSize 1", () => {
  const rule = poolMinSizeOne;

  it("finds nothing on the baseline", () => expect(run(rule)).toEqual([]));

  it("is an error", () => expect(findingsAfter(rule, (b) => (pool(b).minSize = 1))).toEqual([error("P2", "/spec/ceph/pools/0/minSize")]));
});

describe("P3 size 2", () => {
  const rule = poolSizeTwo;

  it("finds nothing on the baseline", () => expect(run(rule)).toEqual([]));

  it("warns about 2/2 (I/O stops with a host down)", () => {
    const findings = run(rule, specWith((b) => Object.assign(pool(b), { size: 2, minSize: 2 })));
    expect(findings.map((f) => [f.rule, f.severity, f.path])).toEqual([["P3", "warning", "/spec/ceph/pools/0/size"]]);
    expect(findings[0].message).toContain("I/O on the pool stops");
  });

  it("warns about 2/1 and points at P2", () => {
    expect(run(rule, specWith((b) => Object.assign(pool(b), { size: 2, minSize: 1 })))[0].message).toContain("see P2");
  });

  it("ignores erasure-coded pools", () => {
    expect(findingsAfter(rule, (b) => b.ceph!.pools!.push({ name: "ec", erasureCoding: { k: 1, m: 1 } }))).toEqual([]);
  });
});

describe("P4 size fits the hosts", () => {
  const rule = poolSizeExceedsHosts;

  it("finds nothing on the baseline (size 3 on 3 hosts)", () => expect(run(rule)).toEqual([]));

  it("is an error for size 3 on two hosts", () => {
    expect(findingsAfter(rule, (b) => (b.nodes = b.nodes.slice(0, 2)))).toEqual([error("P4", "/spec/ceph/pools/0/size")]);
  });

  it("points at the pool when the size is the default", () => {
    expect(
      findingsAfter(rule, (b) => {
        b.nodes = b.nodes.slice(0, 2);
        delete pool(b).size;
        delete pool(b).minSize;
      }),
    ).toEqual([error("P4", "/spec/ceph/pools/0")]);
  });

  it("counts only hosts with OSDs of the pool's device class", () => {
    expect(
      findingsAfter(rule, (b) => {
        pool(b).deviceClass = "nvme";
        b.nodes[2].ceph!.osds!.forEach((o) => (o.deviceClass = "ssd"));
      }),
    ).toEqual([error("P4", "/spec/ceph/pools/0/size")]);
  });

  it("counts OSDs of undeclared class as possibly matching", () => {
    expect(
      findingsAfter(rule, (b) => {
        pool(b).deviceClass = "nvme";
        b.nodes[2].ceph!.osds!.forEach((o) => delete o.deviceClass);
      }),
    ).toEqual([]);
  });

  it("is an error when no host has OSDs of the class", () => {
    const findings = run(rule, specWith((b) => (pool(b).deviceClass = "hdd")));
    expect(findings.map((f) => f.path)).toEqual(["/spec/ceph/pools/0/size"]);
    expect(findings[0].message).toContain("no node has any");
  });

  it("compares with OSDs for failure domain osd", () => {
    expect(
      findingsAfter(rule, (b) => {
        b.nodes = b.nodes.slice(0, 1);
        pool(b).failureDomain = "osd";
        pool(b).size = 5;
      }),
    ).toEqual([error("P4", "/spec/ceph/pools/0/size")]);
  });
});

describe("P5 failure domain", () => {
  const rule = poolFailureDomain;

  it("finds nothing on the baseline", () => expect(run(rule)).toEqual([]));

  it("warns about failure domain osd on several hosts", () => {
    expect(
      findingsAfter(rule, (b) => {
        pool(b).failureDomain = "osd";
        pool(b).deviceClass = "nvme";
      }),
    ).toEqual([warning("P5", "/spec/ceph/pools/0/failureDomain")]);
  });

  it("accepts failure domain osd on a single host", () => {
    expect(
      findingsAfter(rule, (b) => {
        b.nodes = b.nodes.slice(0, 1);
        pool(b).failureDomain = "osd";
        pool(b).deviceClass = "nvme";
      }),
    ).toEqual([]);
  });

  it("is an error for a non-host failure domain without deviceClass (pvecdk builds CRUSH rules per class)", () => {
    expect(findingsAfter(rule, (b) => (pool(b).failureDomain = "rack"))).toEqual([error("P5", "/spec/ceph/pools/0/failureDomain")]);
  });
});

describe("P6 manual PG count", () => {
  const rule = poolPgCount;

  it("finds nothing on the baseline (autoscaler on)", () => expect(run(rule)).toEqual([]));

  it("accepts 512 PGs for 12 OSDs at size 3 (target 100 × 12 / 3 ≈ 512)", () => {
    expect(
      findingsAfter(rule, (b) => {
        pool(b).autoscaleMode = "off";
        pool(b).pgNum = 512;
      }),
    ).toEqual([]);
  });

  it("warns about 32 PGs with the autoscaler off (more than ×3 too few)", () => {
    expect(
      findingsAfter(rule, (b) => {
        pool(b).autoscaleMode = "off";
        pool(b).pgNum = 32;
      }),
    ).toEqual([warning("P6", "/spec/ceph/pools/0/pgNum")]);
  });

  it("judges the default 128 PGs at the autoscaleMode field", () => {
    expect(
      findingsAfter(rule, (b) => {
        pool(b).autoscaleMode = "warn";
        b.nodes.forEach((n) => n.ceph!.osds!.push(...n.ceph!.osds!.map((o, k) => ({ ...o, device: `${o.device}-${k}` }))));
        b.nodes.forEach((n) => n.ceph!.osds!.push(...n.ceph!.osds!.map((o, k) => ({ ...o, device: `${o.device}-x${k}` }))));
      }),
    ).toEqual([warning("P6", "/spec/ceph/pools/0/autoscaleMode")]);
  });

  it("warns about a pgNum that is not a power of two", () => {
    expect(
      findingsAfter(rule, (b) => {
        pool(b).autoscaleMode = "off";
        pool(b).pgNum = 500;
      }),
    ).toEqual([warning("P6", "/spec/ceph/pools/0/pgNum")]);
  });
});

describe("P7 erasure coding", () => {
  const rule = poolErasureCoding;
  /** A second pool, "ec" (k=2, m=1, with a storage block), changed by `extra`. */
  const ec = (b: Body, extra: Partial<Mutable<CephPoolSpec>> = {}) =>
    b.ceph!.pools!.push({ name: "ec", erasureCoding: { k: 2, m: 1 }, storage: {}, ...extra });

  it("finds nothing on the baseline", () => expect(run(rule)).toEqual([]));

  it("accepts k=2, m=1 on three hosts with a storage block", () => expect(findingsAfter(rule, (b) => ec(b))).toEqual([]));

  it("is an error for m = 0", () => {
    expect(findingsAfter(rule, (b) => ec(b, { erasureCoding: { k: 2, m: 0 } }))).toEqual([error("P7", "/spec/ceph/pools/1/erasureCoding/m")]);
  });

  it("is an error for k+m above the hosts with OSDs", () => {
    expect(findingsAfter(rule, (b) => ec(b, { erasureCoding: { k: 2, m: 2 } }))).toEqual([error("P7", "/spec/ceph/pools/1/erasureCoding")]);
  });

  it("is an error for an explicit size other than k+m", () => {
    expect(findingsAfter(rule, (b) => ec(b, { size: 2 }))).toEqual([error("P7", "/spec/ceph/pools/1/size")]);
  });

  it("is an error for minSize below k, a warning for minSize k when m > 1", () => {
    const wide = (b: Body) => addOsdHosts(b, 2);
    expect(findingsAfter(rule, (b) => (wide(b), ec(b, { erasureCoding: { k: 3, m: 2 }, minSize: 2 })))).toEqual([error("P7", "/spec/ceph/pools/1/minSize")]);
    expect(findingsAfter(rule, (b) => (wide(b), ec(b, { erasureCoding: { k: 3, m: 2 }, minSize: 3 })))).toEqual([warning("P7", "/spec/ceph/pools/1/minSize")]);
    expect(findingsAfter(rule, (b) => (wide(b), ec(b, { erasureCoding: { k: 3, m: 2 }, minSize: 4 })))).toEqual([]);
  });

  it("warns about an RBD EC pool that no storage pairs with a metadata pool", () => {
    expect(findingsAfter(rule, (b) => ec(b, { storage: undefined }))).toEqual([warning("P7", "/spec/ceph/pools/1")]);
  });

  it("accepts an EC pool used as a storage's dataPool", () => {
    expect(
      findingsAfter(rule, (b) => {
        ec(b, { storage: undefined });
        b.storages!.push({ id: "ec-rbd", type: "rbd", content: ["images"], pool: "vmdata", dataPool: "ec" });
      }),
    ).toEqual([]);
  });

  it("is an error for a storage id other than the pool name (Proxmox names it)", () => {
    expect(findingsAfter(rule, (b) => ec(b, { storage: { id: "ec-vm" } }))).toEqual([error("P7", "/spec/ceph/pools/1/storage/id")]);
  });
});

/** More OSD hosts like pve1. */
function addOsdHosts(b: Body, count: number): void {
  for (let k = 0; k < count; k++) {
    const i = b.nodes.length + 1;
    b.nodes.push({ ...JSON.parse(JSON.stringify(b.nodes[0])), name: `pve${i}`, ceph: { osds: b.nodes[0].ceph!.osds } });
  }
}

describe("P8 pool names", () => {
  const rule = poolNameImmutable;

  it("notes once that pool names are final", () => expect(findingsAfter(rule, () => undefined)).toEqual([info("P8", "/spec/ceph/pools/0/name")]));

  it("is an error for a duplicate pool name", () => {
    expect(findingsAfter(rule, (b) => b.ceph!.pools!.push({ name: "vmdata" }))).toEqual([error("P8", "/spec/ceph/pools/1/name"), info("P8", "/spec/ceph/pools/0/name")]);
  });

  it("is silent without pools", () => expect(findingsAfter(rule, (b) => (b.ceph!.pools = []))).toEqual([]));
});

describe("P9 device-class rules", () => {
  const rule = poolDeviceClass;

  it("is silent when no pool names a device class (baseline)", () => expect(run(rule)).toEqual([]));

  it("notes once that changing the class moves the data", () => {
    expect(
      findingsAfter(rule, (b) => {
        pool(b).deviceClass = "nvme";
        b.ceph!.pools!.push({ name: "fast", deviceClass: "nvme" });
      }),
    ).toEqual([info("P9", "/spec/ceph/pools/0/deviceClass")]);
  });
});
