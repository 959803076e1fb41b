import { liveMigrationCpuVendor } from "../../../lib/rules/guests/live-migration-cpu-vendor";
import { guestDisksPinNode } from "../../../lib/rules/guests/guest-disks-pin-node";
import { cpuTypeHostIdenticalNodes } from "../../../lib/rules/guests/cpu-type-host-identical-nodes";
import { migrationNetworkSettings } from "../../../lib/rules/guests/migration-network-settings";
import { migrationNetworkDefined } from "../../../lib/rules/guests/migration-network-defined";
import { migrationBandwidthNote } from "../../../lib/rules/guests/migration-bandwidth-note";
import { Body, error, findingsAfter, info, run, specWith, warning } from "./helpers";

describe("M1 live migration across CPU vendors", () => {
  const rule = liveMigrationCpuVendor;
  const amdOnPve3 = (b: Body) => (b.nodes[2].cpu = { vendor: "amd", model: "EPYC 7302", cores: 16 });

  it("finds nothing on the all-Intel baseline", () => expect(run(rule)).toEqual([]));

  it("warns for HA guests that may move between Intel and AMD nodes", () => {
    expect(findingsAfter(rule, amdOnPve3)).toEqual([warning("M1", "/spec/vms/0/ha"), warning("M1", "/spec/vms/1/ha")]);
  });

  it("accepts guests restricted to the Intel nodes", () => {
    expect(
      findingsAfter(rule, (b) => {
        amdOnPve3(b);
        b.haRules!.push({ name: "intel-only", type: "node-affinity", resources: ["web1", "web2"], nodes: { pve1: 1, pve2: 1 }, strict: true });
      }),
    ).toEqual([]);
  });
});

describe("M2 disks that pin a VM to its node", () => {
  const rule = guestDisksPinNode;
  const dbOnTank = (tankNodes: string[]) => (b: Body) => {
    b.storages!.push({ id: "tank", type: "zfspool", zfsPool: "tank", content: ["images", "rootdir"], nodes: tankNodes });
    b.vms!.push({ name: "db1", vmid: 103, node: "pve1", disks: [{ storage: "tank", sizeGiB: 50 }] });
  };

  it("finds nothing on the baseline", () => expect(run(rule)).toEqual([]));

  it("warns when a VM's only storage exists on its node alone", () => {
    expect(findingsAfter(rule, dbOnTank(["pve1"]))).toEqual([warning("M2", "/spec/vms/2/disks/0/storage")]);
  });

  it("accepts local storage that another node also has (offline migration copies the disk)", () => {
    expect(findingsAfter(rule, dbOnTank(["pve1", "pve2"]))).toEqual([]);
  });
});

describe("M3 CPU type host", () => {
  const rule = cpuTypeHostIdenticalNodes;
  const newerCpuOnPve3 = (b: Body) => (b.nodes[2].cpu = { vendor: "intel", model: "Xeon Gold 6330", cores: 28 });

  it("finds nothing on the baseline (identical CPUs, so 'host' is the default)", () => expect(run(rule)).toEqual([]));

  it("warns for a VM with cpuType host when the nodes' CPUs differ", () => {
    expect(
      findingsAfter(rule, (b) => {
        newerCpuOnPve3(b);
        b.vms![0].cpuType = "host";
      }),
    ).toEqual([warning("M3", "/spec/vms/0/cpuType")]);
  });

  it("reports a template's cpuType host once, not once per clone", () => {
    expect(
      findingsAfter(rule, (b) => {
        newerCpuOnPve3(b);
        b.templates![0].cpuType = "host";
      }),
    ).toEqual([warning("M3", "/spec/templates/0/cpuType")]);
  });

  it("accepts host on identical CPUs, and a named model on mixed ones", () => {
    expect(findingsAfter(rule, (b) => (b.vms![0].cpuType = "host"))).toEqual([]);
    expect(
      findingsAfter(rule, (b) => {
        newerCpuOnPve3(b);
        b.vms![0].cpuType = "x86-64-v3";
      }),
    ).toEqual([]);
  });
});

describe("M4 migration network settings", () => {
  const rule = migrationNetworkSettings;

  it("finds nothing on the baseline", () => expect(run(rule)).toEqual([]));

  it("reports an undeclared migration network", () => {
    expect(findingsAfter(rule, (b) => (b.migration!.network = "fast"))).toEqual([error("M4", "/spec/migration/network")]);
  });

  it("requires the 'migration' role on the network", () => {
    expect(findingsAfter(rule, (b) => (b.networks[4].roles = ["storage"]))).toEqual([error("M4", "/spec/migration/network")]);
  });

  it("requires exactly one address per node in the migration CIDR", () => {
    expect(findingsAfter(rule, (b) => delete b.nodes[1].addresses.migration)).toEqual([error("M4", "/spec/nodes/1/addresses")]);
    expect(
      findingsAfter(rule, (b) => {
        b.networks.push({ name: "backup", roles: ["storage"], cidr: "10.0.40.128/25" });
        b.nodes[0].addresses.backup = "10.0.40.200";
      }),
    ).toEqual([error("M4", "/spec/nodes/0/addresses")]);
  });

  it("warns about insecure migration on a network not marked private", () => {
    expect(findingsAfter(rule, (b) => (b.migration!.type = "insecure"))).toEqual([warning("M4", "/spec/migration/type")]);
    expect(
      findingsAfter(rule, (b) => {
        b.migration!.type = "insecure";
        b.networks[4].private = true;
      }),
    ).toEqual([]);
  });
});

describe("M5 migration network defined", () => {
  const rule = migrationNetworkDefined;

  it("finds nothing on the baseline", () => expect(run(rule)).toEqual([]));

  it("warns when migrations would use the corosync network", () => {
    expect(findingsAfter(rule, (b) => delete b.migration!.network)).toEqual([warning("M5", "/spec/migration")]);
    expect(findingsAfter(rule, (b) => delete b.migration)).toEqual([warning("M5", "/spec")]);
  });

  it("is silent on a single node, where nothing migrates", () => {
    expect(
      findingsAfter(rule, (b) => {
        delete b.migration;
        b.nodes = b.nodes.slice(0, 1);
      }),
    ).toEqual([]);
  });
});

describe("M6 migration bandwidth note", () => {
  const rule = migrationBandwidthNote;

  it("is silent without a limit", () => expect(run(rule)).toEqual([]));

  it("explains a limit with the time the largest VM's RAM needs", () => {
    const findings = run(rule, specWith((b) => (b.migration!.bandwidthLimitKiBs = 102400)));
    expect(findings.map((f) => ({ rule: f.rule, severity: f.severity, path: f.path }))).toEqual([info("M6", "/spec/migration/bandwidthLimitKiBs")]);
    expect(findings[0].message).toContain("100.0 MiB/s");
    expect(findings[0].message).toContain("'web1', 4096 MiB");
    expect(findings[0].message).toContain("41 s");
  });
});
