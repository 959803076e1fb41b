import { Rule, RuleFinding } from "../rule";
import { finding } from "./support";
import { isValidVmid } from "./vmid-range";

/** V2: VMs, containers and templates share one VMID space across the whole cluster. */
export const vmidUnique: Rule = {
  id: "V2",
  title: "VMIDs are unique across VMs and templates",
  check(model) {
    const out: RuleFinding[] = [];
    for (const [vmid, guests] of model.vmidMap()) {
      if (guests.length < 2 || !isValidVmid(vmid)) continue;
      const first = guests[0];
      for (const g of guests.slice(1)) {
        out.push(
          finding(
            "V2",
            "error",
            `${g.path}/vmid`,
            `VMID ${vmid} of ${g.kind} '${g.spec.name}' is already used by ${first.kind} '${first.spec.name}'; VMs and templates share one ID space in the cluster, so the second one cannot be created.`,
            `Give '${g.spec.name}' a VMID no other guest uses.`,
          ),
        );
      }
    }
    return out;
  },
};
