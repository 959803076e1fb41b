import { Rule, RuleFinding } from "../rule";
import { finding } from "./support";

export const MIN_VMID = 100;
export const MAX_VMID = 999_999_999;

export function isValidVmid(vmid: unknown): vmid is number {
  return typeof vmid === "number" && Number.isInteger(vmid) && vmid >= MIN_VMID && vmid <= MAX_VMID;
}

/** V1: PVE accepts VMIDs 100–999999999 (0–99 are reserved); pvecdk fixes each one in the spec. */
export const vmidRange: Rule = {
  id: "V1",
  title: "VMIDs are integers from 100 to 999999999",
  check(model) {
    const out: RuleFinding[] = [];
    for (const guest of model.guests()) {
      const vmid: unknown = guest.spec.vmid;
      if (isValidVmid(vmid)) continue;
      out.push(
        finding(
          "V1",
          "error",
          `${guest.path}/vmid`,
          vmid === undefined
            ? `${guest.kind === "vm" ? "VM" : "Template"} '${guest.spec.name}' has no VMID; pvecdk fixes every VMID at synthesis instead of asking PVE for the next free one, which races when several guests are created at once.`
            : `${guest.kind === "vm" ? "VM" : "Template"} '${guest.spec.name}' has VMID ${JSON.stringify(vmid)}; PVE accepts only whole numbers from ${MIN_VMID} to ${MAX_VMID}.`,
          `Set 'vmid' to an unused whole number between ${MIN_VMID} and ${MAX_VMID}.`,
        ),
      );
    }
    return out;
  },
};
