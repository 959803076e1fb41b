import { Rule, RuleFinding } from "../rule";
import { bondUnder, finding } from "./support";

/** Bond modes that spread one flow's packets over several NICs or balance per peer. */
const LOAD_BALANCING = new Set(["balance-rr", "balance-xor", "balance-tlb", "balance-alb"]);

/**
 * C9: corosync over a bond can end in a whole-cluster fence. Load-balancing modes give
 * asymmetric connectivity when one NIC fails (some peers reachable, others not); LACP
 * with the default slow rate takes about 90 s to notice a dead port, longer than the
 * ~60 s after which HA nodes fence themselves; active-backup does not notice a failure
 * beyond the local port. Corosync's own links are the better redundancy.
 */
export const corosyncOverBonds: Rule = {
  id: "C9",
  title: "Corosync links avoid risky bond modes",
  check(model) {
    const out: RuleFinding[] = [];
    const linkNets = [...new Set(model.linksByPreference().map((l) => l.network))];
    for (const node of model.nodes) {
      const reported = new Set<number>();
      for (const net of linkNets) {
        const found = bondUnder(node, net);
        if (!found || reported.has(found.index)) continue;
        reported.add(found.index);
        const { bond, index } = found;
        const mode = bond.mode ?? "active-backup";
        const at = (field: string) => model.nodePath(node.name, "interfaces", "bonds", index, field);
        const where = `Bond '${bond.name}' on '${node.name}' carries corosync network '${net}'`;
        if (LOAD_BALANCING.has(mode)) {
          out.push(
            finding(
              "C9",
              "warning",
              at("mode"),
              `${where} in mode ${mode}. If one NIC or cable fails, some nodes can still reach this one and others cannot; that asymmetric view can make the whole cluster lose quorum and, with HA, fence.`,
              `Use separate NICs as separate corosync links instead of a bond, or switch the bond to 802.3ad with lacpRate 'fast' (on the switch too).`,
            ),
          );
        } else if (mode === "802.3ad" && bond.lacpRate !== "fast") {
          out.push(
            finding(
              "C9",
              "warning",
              at(bond.lacpRate === undefined ? "mode" : "lacpRate"),
              `${where} over LACP with the slow LACP rate; a failed port then takes about 90 seconds to leave the bond, longer than the roughly 60 seconds after which nodes running HA guests fence themselves.`,
              `Set 'lacpRate: fast' on the bond, and the fast LACP rate on the switch ports as well.`,
            ),
          );
        } else if (mode === "active-backup") {
          out.push(
            finding(
              "C9",
              "info",
              at(bond.mode === undefined ? "name" : "mode"),
              `${where} in active-backup mode; it only fails over when the local port goes down, not when the path beyond it breaks.`,
              `Prefer a second corosync link over a separate NIC and switch; corosync handles the failover itself.`,
            ),
          );
        }
      }
    }
    return out;
  },
};
