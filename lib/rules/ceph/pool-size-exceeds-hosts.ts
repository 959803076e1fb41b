import { Rule, RuleFinding } from "../rule";
import { finding, plural } from "../guests/support";
import { nodesPossiblyWithClass, osdsPossiblyWithClass, poolFieldPath } from "./pool-paths";

/**
 * P4: CRUSH puts each copy in a different failure domain. With failure domain `host` (the
 * default) a pool of size 3 needs three hosts with OSDs it may use; on fewer, some copies
 * can never be placed and the PGs stay undersized and degraded for good. Racks, chassis
 * and datacenters each hold at least one host, so they need at least as many hosts too;
 * failure domain `osd` needs as many OSDs. Erasure-coded pools are P7's.
 *
 * Counts follow model.poolSurvivability(), widened to OSDs of undeclared device class,
 * which Ceph may detect as the pool's class.
 */
export const poolSizeExceedsHosts: Rule = {
  id: "P4",
  title: "A replicated pool's size fits the hosts (or OSDs) of its device class",
  check(model) {
    const out: RuleFinding[] = [];
    if (!model.cephEnabled()) return out;
    const survivability = model.poolSurvivability();
    for (const pool of model.pools()) {
      if (pool.spec.erasureCoding !== undefined || typeof pool.size !== "number") continue;
      const cls = pool.spec.deviceClass;
      const of = cls ? ` of class ${cls}` : "";
      if (pool.failureDomain === "osd") {
        const osds = osdsPossiblyWithClass(model, cls);
        if (pool.size <= osds) continue;
        out.push(
          finding(
            "P4",
            "error",
            poolFieldPath(pool, "size"),
            `Pool '${pool.name}' keeps ${pool.size} copies on different OSDs, but only ${plural(osds, "OSD")}${of} exist${osds === 1 ? "s" : ""}; the missing copies can never be placed, so its PGs stay degraded.`,
            `Lower size to ${Math.max(osds, 1)} or add OSDs${of}.`,
          ),
        );
        continue;
      }
      const hosts = nodesPossiblyWithClass(model, cls).length;
      if (pool.size <= hosts) continue;
      const declared = survivability[pool.index]?.hostsWithOsds ?? hosts;
      const domain = pool.failureDomain === "host" ? "host" : `${pool.failureDomain} (each holding at least one host)`;
      out.push(
        finding(
          "P4",
          "error",
          poolFieldPath(pool, "size"),
          hosts === 0
            ? `Pool '${pool.name}' needs OSDs${of}, but no node has any${cls ? " (or any OSD of undeclared class)" : ""}; none of its data can be placed.`
            : `Pool '${pool.name}' keeps ${pool.size} copies${pool.spec.size === undefined ? " (the default)" : ""}, each on a different ${domain}, but only ${plural(hosts, "host")} ha${hosts === 1 ? "s" : "ve"} OSDs${of}${declared !== hosts ? ` (${declared} declared, the rest of undeclared class)` : ""}. The missing copies can never be placed, so its PGs stay undersized and degraded for good.`,
          hosts === 0
            ? `Add OSDs${of}, or drop the pool's deviceClass.`
            : `Add OSD hosts${of} until there are ${pool.size}, or lower size to ${hosts} (but see P2/P3 for what fewer copies cost).`,
        ),
      );
    }
    return out;
  },
};
