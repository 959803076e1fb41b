import { countFindings, findingsReportJson, formatFindingsReport, poolSentence, quorumSentence, quorumSummary, useColor } from "../../lib/cli/report";
import { Finding } from "../../lib/model/findings";
import { ClusterModel } from "../../lib/model/model";
import { baseSpec } from "../fixtures/base-spec";

function model(change: (spec: any) => void = () => undefined): ClusterModel {
  const spec = JSON.parse(JSON.stringify(baseSpec()));
  change(spec);
  return new ClusterModel(spec);
}

const findings: Finding[] = [
  { rule: "P3", severity: "warning", path: "/spec/ceph/pools/0/size", message: "size 2 pauses I/O with a host down.", hint: "Add a third node." },
  { rule: "C3", severity: "error", path: "/spec/corosync/links/0", message: "corosync shares the Ceph network.", hint: "Give corosync its own network." },
  { rule: "H3", severity: "info", path: "/spec/vms/0/ha", message: "HA arms a watchdog.", hint: "Configure a hardware watchdog." },
  { rule: "CD1", severity: "error", path: "/spec/ceph", message: "Ceph needs 3 nodes.", hint: "Add a node.", acknowledged: { reason: "third node planned" } },
];
const lines: Record<string, number> = { "/spec/ceph/pools/0/size": 40, "/spec/corosync/links/0": 30, "/spec/vms/0/ha": 90, "/spec/ceph": 35 };

describe("quorum sentences", () => {
  test("three nodes", () => {
    expect(quorumSentence(quorumSummary(model()))).toBe("3 nodes = 3 votes, quorum 2, survives 1 node failure");
  });

  test("two nodes and a QDevice", () => {
    const m = model((s) => {
      s.spec.nodes.pop();
      s.spec.corosync.qdevice = { host: "192.168.10.5" };
    });
    expect(quorumSentence(quorumSummary(m))).toBe("2 nodes + QDevice = 3 votes, quorum 2, survives 1 node failure");
  });

  test("two nodes alone", () => {
    expect(quorumSentence(quorumSummary(model((s) => s.spec.nodes.pop())))).toBe("2 nodes = 2 votes, quorum 2, survives no node failure");
  });

  test("five nodes", () => {
    const m = model((s) => s.spec.nodes.push({ ...s.spec.nodes[0], name: "pve4" }, { ...s.spec.nodes[0], name: "pve5" }));
    expect(quorumSentence(quorumSummary(m))).toBe("5 nodes = 5 votes, quorum 3, survives 2 node failures");
  });
});

describe("pool sentences", () => {
  test("3/2 on three hosts", () => {
    expect(poolSentence(model().poolSurvivability()[0])).toBe('pool "vmdata" size 3/min_size 2 on 3 hosts with OSDs: keeps serving I/O with 1 host down');
  });

  test("the 3/2 defaults on two hosts are never fully replicated", () => {
    const m = model((s) => s.spec.nodes.pop());
    expect(poolSentence(m.poolSurvivability()[0])).toBe(
      'pool "vmdata" size 3/min_size 2 on 2 hosts with OSDs, never fully replicated (size 3 > 2 hosts): I/O stops when a host is down',
    );
  });

  test("min_size above the hosts blocks I/O outright", () => {
    const m = model((s) => s.spec.nodes.splice(1, 2));
    expect(poolSentence(m.poolSurvivability()[0])).toMatch(/on 1 host with OSDs, .*: I\/O is blocked even with every host up$/);
  });
});

describe("the text report", () => {
  const text = formatFindingsReport(findings, { file: "lab.yaml", lineOf: (p) => lines[p], model: model() });

  test("groups by severity, acknowledged last with its reason, then the summary", () => {
    expect(text).toBe(
      [
        "Errors (1)",
        "  lab.yaml:30: ERROR C3 corosync shares the Ceph network.",
        "      hint: Give corosync its own network.",
        "",
        "Warnings (1)",
        "  lab.yaml:40: WARNING P3 size 2 pauses I/O with a host down.",
        "      hint: Add a third node.",
        "",
        "Info (1)",
        "  lab.yaml:90: INFO H3 HA arms a watchdog.",
        "      hint: Configure a hardware watchdog.",
        "",
        "Acknowledged (1)",
        "  lab.yaml:35: ERROR CD1 Ceph needs 3 nodes.",
        "      hint: Add a node.",
        "      acknowledged: third node planned",
        "",
        "Quorum: 3 nodes = 3 votes, quorum 2, survives 1 node failure",
        'Ceph pool "vmdata" size 3/min_size 2 on 3 hosts with OSDs: keeps serving I/O with 1 host down',
        'Summary: cluster "lab" not valid — 1 error, 1 warning, 1 info, 1 acknowledged',
        "",
      ].join("\n"),
    );
  });

  test("within a group, findings follow the file's order", () => {
    const two: Finding[] = [
      { rule: "B", severity: "warning", path: "/b", message: "second in the file", hint: "h" },
      { rule: "A", severity: "warning", path: "/a", message: "first in the file", hint: "h" },
    ];
    const out = formatFindingsReport(two, { file: "f.yaml", lineOf: (p) => (p === "/a" ? 3 : 9) });
    expect(out.indexOf("first in the file")).toBeLessThan(out.indexOf("second in the file"));
  });

  test("without a line the file alone is named; without a model there is no quorum line", () => {
    const out = formatFindingsReport([findings[0]], { file: "f.yaml" });
    expect(out).toContain("  f.yaml: WARNING P3 ");
    expect(out).not.toContain("Quorum:");
    expect(out.endsWith("Summary: valid — 0 errors, 1 warning, 0 info, 0 acknowledged\n")).toBe(true);
  });

  test("no findings says so", () => {
    expect(formatFindingsReport([], { file: "f.yaml" })).toBe("No findings.\n\nSummary: valid — 0 errors, 0 warnings, 0 info, 0 acknowledged\n");
  });
});

describe("the JSON report", () => {
  test("same order as the text, line null when unknown, counts that exclude acknowledged findings", () => {
    const report = findingsReportJson(findings, { file: "lab.yaml", lineOf: (p) => (p === "/spec/vms/0/ha" ? undefined : lines[p]) });
    expect(report.findings.map((f) => [f.rule, f.line])).toEqual([
      ["C3", 30],
      ["P3", 40],
      ["H3", null],
      ["CD1", 35],
    ]);
    expect(report.findings[3].acknowledged).toEqual({ reason: "third node planned" });
    expect("acknowledged" in report.findings[0]).toBe(false);
    expect(report.summary).toEqual({ errors: 1, warnings: 1, info: 1, acknowledged: 1 });
    expect(report.valid).toBe(false);
  });

  test("counts", () => {
    expect(countFindings(findings)).toEqual({ errors: 1, warnings: 1, info: 1, acknowledged: 1 });
  });
});

describe("colour decision", () => {
  test("terminal without NO_COLOR", () => {
    expect(useColor({ isTTY: true, env: {} })).toBe(true);
    expect(useColor({ isTTY: true, env: { NO_COLOR: "" } })).toBe(true);
    expect(useColor({ isTTY: true, env: { NO_COLOR: "1" } })).toBe(false);
    expect(useColor({ isTTY: false, env: {} })).toBe(false);
  });
});
