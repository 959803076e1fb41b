import { vmidRange } from "../../../lib/rules/guests/vmid-range";
import { vmidUnique } from "../../../lib/rules/guests/vmid-unique";
import { vmidInNextIdRange } from "../../../lib/rules/guests/vmid-in-next-id-range";
import { guestNameUnique } from "../../../lib/rules/guests/guest-name-unique";
import { guestNodeDeclared } from "../../../lib/rules/guests/guest-node-declared";
import { error, findingsAfter, run, warning } from "./helpers";

describe("V1 VMID range", () => {
  const rule = vmidRange;

  it("finds nothing on the baseline", () => expect(run(rule)).toEqual([]));

  it.each([99, 1_000_000_000, 101.5, -5])("rejects VMID %p", (vmid) => {
    expect(findingsAfter(rule, (b) => (b.vms![0].vmid = vmid))).toEqual([error("V1", "/spec/vms/0/vmid")]);
  });

  it("rejects a missing VMID (pvecdk never asks PVE for the next free one)", () => {
    expect(findingsAfter(rule, (b) => delete (b.templates![0] as { vmid?: number }).vmid)).toEqual([error("V1", "/spec/templates/0/vmid")]);
  });

  it.each([100, 999_999_999])("accepts the bound %p", (vmid) => {
    expect(findingsAfter(rule, (b) => (b.vms![0].vmid = vmid))).toEqual([]);
  });
});

describe("V2 VMID unique", () => {
  const rule = vmidUnique;

  it("finds nothing on the baseline", () => expect(run(rule)).toEqual([]));

  it("reports a VM reusing the template's VMID", () => {
    expect(findingsAfter(rule, (b) => (b.vms![1].vmid = 9000))).toEqual([error("V2", "/spec/vms/1/vmid")]);
  });

  it("accepts the next free VMID", () => expect(findingsAfter(rule, (b) => (b.vms![1].vmid = 9001))).toEqual([]));
});

describe("V3 VMIDs inside the next-id range", () => {
  const rule = vmidInNextIdRange;

  it("is silent while no range is declared", () => expect(run(rule)).toEqual([]));

  it("warns for fixed VMIDs outside a declared range", () => {
    expect(findingsAfter(rule, (b) => (b.nextId = { lower: 1000, upper: 10000 }))).toEqual([
      warning("V3", "/spec/vms/0/vmid"),
      warning("V3", "/spec/vms/1/vmid"),
    ]);
  });

  it("treats upper as exclusive", () => {
    expect(findingsAfter(rule, (b) => (b.nextId = { lower: 100, upper: 9000 }))).toEqual([warning("V3", "/spec/templates/0/vmid")]);
    expect(findingsAfter(rule, (b) => (b.nextId = { lower: 100, upper: 9001 }))).toEqual([]);
  });

  it("rejects an empty range", () => {
    expect(findingsAfter(rule, (b) => (b.nextId = { lower: 5000, upper: 5000 }))).toEqual([error("V3", "/spec/nextId")]);
  });
});

describe("V5 guest names (pvecdk)", () => {
  const rule = guestNameUnique;

  it("finds nothing on the baseline", () => expect(run(rule)).toEqual([]));

  it("reports a name used twice, even across VMs and templates", () => {
    expect(findingsAfter(rule, (b) => (b.vms![1].name = "web1"))).toEqual([error("V5", "/spec/vms/1/name")]);
    expect(findingsAfter(rule, (b) => (b.vms![1].name = "ubuntu-2404"))).toEqual([error("V5", "/spec/vms/1/name")]);
  });

  it("reports a name that is not a DNS name", () => {
    expect(findingsAfter(rule, (b) => (b.vms![1].name = "web_2"))).toEqual([error("V5", "/spec/vms/1/name")]);
    expect(findingsAfter(rule, (b) => (b.vms![1].name = "web-2.lab"))).toEqual([]);
  });
});

describe("V6 guests on declared nodes (pvecdk)", () => {
  const rule = guestNodeDeclared;

  it("finds nothing on the baseline", () => expect(run(rule)).toEqual([]));

  it("reports a guest on an unknown node", () => {
    expect(findingsAfter(rule, (b) => (b.vms![0].node = "pve9"))).toEqual([error("V6", "/spec/vms/0/node")]);
    expect(findingsAfter(rule, (b) => (b.vms![0].node = "pve3"))).toEqual([]);
  });
});
