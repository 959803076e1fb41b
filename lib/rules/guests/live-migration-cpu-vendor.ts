import { Rule, RuleFinding } from "../rule";
import { finding, quoted } from "./support";

/**
 * M1: live migration between Intel and AMD hosts is not supported (CPU features and
 * flags differ). An HA guest that may move across both vendors can still be recovered by
 * a restart, but live migration (maintenance, shutdown policy "migrate") fails.
 */
export const liveMigrationCpuVendor: Rule = {
  id: "M1",
  title: "Guests that can move do not cross CPU vendors",
  check(model) {
    const out: RuleFinding[] = [];
    const vendorOf = new Map(model.nodes.map((n) => [n.name, n.cpu?.vendor]));
    for (const guest of model.haVms()) {
      const nodes = model.guestNodes(guest);
      if (nodes.length < 2) continue;
      const byVendor = new Map<string, string[]>();
      for (const n of nodes) {
        const v = vendorOf.get(n);
        if (!v) continue;
        const list = byVendor.get(v);
        if (list) list.push(n);
        else byVendor.set(v, [n]);
      }
      if (byVendor.size < 2) continue;
      const parts = [...byVendor].map(([v, ns]) => `${v}: ${ns.join(", ")}`).join("; ");
      out.push(
        finding(
          "M1",
          "warning",
          `${guest.path}/ha`,
          `HA guest '${guest.spec.name}' may move between Intel and AMD nodes (${parts}); live migration across CPU vendors is not supported, so maintenance moves and the "migrate" shutdown policy fail for it.`,
          `Restrict '${guest.spec.name}' with a strict node-affinity rule to nodes of one vendor (${quoted([...byVendor.values()][0])} for example).`,
        ),
      );
    }
    return out;
  },
};
