import { pointer } from "../../model/findings";
import { Rule, RuleFinding } from "../rule";
import { finding } from "./support";
import { isValidVmid } from "./vmid-range";

/**
 * V3: `nextId` declares the VMID range the cluster hands out automatically (lower
 * inclusive, upper exclusive; defaults 100 and 1000000). It is not a hard limit, but
 * when declared, the fixed VMIDs of the spec belong inside it.
 */
export const vmidInNextIdRange: Rule = {
  id: "V3",
  title: "VMIDs lie inside the declared next-id range",
  check(model) {
    const range = model.body.nextId;
    if (!range) return [];
    const lower = range.lower ?? 100;
    const upper = range.upper ?? 1_000_000;
    if (!(lower < upper)) {
      return [
        finding(
          "V3",
          "error",
          pointer("spec", "nextId"),
          `The next-id range is empty (lower ${lower} is not below upper ${upper}); PVE could not hand out any VMID automatically.`,
          `Set 'nextId.lower' below 'nextId.upper' (upper is exclusive).`,
        ),
      ];
    }
    const out: RuleFinding[] = [];
    for (const guest of model.guests()) {
      const vmid = guest.spec.vmid;
      if (!isValidVmid(vmid) || (vmid >= lower && vmid < upper)) continue;
      out.push(
        finding(
          "V3",
          "warning",
          `${guest.path}/vmid`,
          `VMID ${vmid} of ${guest.kind} '${guest.spec.name}' is outside the declared next-id range ${lower}–${upper - 1}.`,
          `Pick a VMID from ${lower} to ${upper - 1}, or widen 'nextId'.`,
        ),
      );
    }
    return out;
  },
};
