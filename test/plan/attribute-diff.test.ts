import { diffAttributes, LeafChange } from "../../lib/plan/attribute-diff";
import { isPathWithin, keyPath, renderPath } from "../../lib/plan/paths";

/** The changes as `path: before → after` lines, the way a reviewer reads them. */
function lines(changes: LeafChange[]): string[] {
  const show = (s: LeafChange["before"]): string => (s.kind === "value" ? JSON.stringify(s.value) : `(${s.kind})`);
  return changes.map((c) => `${renderPath(c.path)}: ${show(c.before)} → ${show(c.after)}`);
}

describe("renderPath", () => {
  it("writes attribute references the way Terraform users read them", () => {
    expect(renderPath(["disk", 0, "size"])).toBe("disk[0].size");
    expect(renderPath(["input", "pvecdk_step"])).toBe("input.pvecdk_step");
    expect(renderPath(["tags", "team name"])).toBe('tags["team name"]');
    expect(renderPath([])).toBe("");
  });

  it("knows when one path lies inside another, at segment boundaries only", () => {
    expect(isPathWithin("triggers_replace.link0", "triggers_replace")).toBe(true);
    expect(isPathWithin("disk[0].file_id", "disk")).toBe(true);
    expect(isPathWithin("disk_size", "disk")).toBe(false);
    expect(keyPath(["disk", 3, "file_id"])).toBe("disk.file_id");
  });
});

describe("diffAttributes", () => {
  it("reports only the changed leaves, in key order", () => {
    const before = { name: "web1", cpu: [{ cores: 2, type: "host" }], memory: [{ dedicated: 4096 }] };
    const after = { name: "web1", cpu: [{ cores: 4, type: "host" }], memory: [{ dedicated: 8192 }] };
    expect(lines(diffAttributes(before, after))).toEqual(["cpu[0].cores: 2 → 4", "memory[0].dedicated: 4096 → 8192"]);
  });

  it("treats null and a missing key as the same absence", () => {
    expect(diffAttributes({ comment: null }, {})).toEqual([]);
    expect(lines(diffAttributes({ comment: null }, { comment: "x" }))).toEqual(['comment: (absent) → "x"']);
  });

  it("reports a changed list of plain values as one change of the whole list", () => {
    expect(lines(diffAttributes({ ports: ["eno1"] }, { ports: ["eno1", "eno3"] }))).toEqual(['ports: ["eno1"] → ["eno1","eno3"]']);
  });

  it("walks lists of blocks item by item, including added and removed blocks", () => {
    const before = { disk: [{ interface: "scsi0", size: 20 }] };
    const after = { disk: [{ interface: "scsi0", size: 40 }, { interface: "scsi1", size: 100 }] };
    expect(lines(diffAttributes(before, after))).toEqual([
      "disk[0].size: 20 → 40",
      'disk[1].interface: (absent) → "scsi1"',
      "disk[1].size: (absent) → 100",
    ]);
  });

  it("shows values known only after apply, even when `after` leaves them out", () => {
    const changes = diffAttributes({ id: "101", name: "a" }, { name: "a" }, { afterUnknown: { id: true } });
    expect(lines(changes)).toEqual(['id: "101" → (unknown)']);
  });

  it("never reveals sensitive values, only that they changed", () => {
    const masks = {
      beforeSensitive: { user: [{ password: true }] },
      afterSensitive: { user: [{ password: true }] },
    };
    const changes = diffAttributes({ user: [{ name: "ops", password: "old" }] }, { user: [{ name: "ops", password: "new" }] }, masks);
    expect(lines(changes)).toEqual(["user[0].password: (sensitive) → (sensitive)"]);
    expect(JSON.stringify(changes)).not.toMatch(/old|new/);
  });

  it("reports nothing for an unchanged sensitive value", () => {
    const masks = { beforeSensitive: { password: true }, afterSensitive: { password: true } };
    expect(diffAttributes({ password: "same" }, { password: "same" }, masks)).toEqual([]);
  });

  it("hides a copy of a sensitive value that Terraform left unmarked (terraform_data output)", () => {
    const before = { input: { token: "s3cret", node: "pve2" }, output: { token: "s3cret", node: "pve2" } };
    const after = { input: { token: "s3cret", node: "pve3" } };
    const masks = { beforeSensitive: { input: { token: true } }, afterSensitive: { input: { token: true } }, afterUnknown: { output: true } };
    const changes = diffAttributes(before, after, masks);
    expect(lines(changes)).toEqual(['input.node: "pve2" → "pve3"', "output: (sensitive) → (unknown)"]);
    expect(JSON.stringify(changes)).not.toContain("s3cret");
  });

  it("reports a type change (block replaced by a plain value) as one leaf", () => {
    expect(lines(diffAttributes({ input: { a: 1 } }, { input: "text" }))).toEqual(['input: {"a":1} → "text"']);
  });
});
