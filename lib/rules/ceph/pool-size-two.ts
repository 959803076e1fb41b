import { Rule, RuleFinding } from "../rule";
import { finding } from "../guests/support";
import { poolFieldPath } from "./pool-paths";

/**
 * P3: two copies leave no good choice. With minSize 2, I/O stops whenever one host is down
 * (a reboot for updates is enough) and guests on the pool hang or crash; with minSize 1,
 * see P2.
 */
export const poolSizeTwo: Rule = {
  id: "P3",
  title: "Replicated pools with size 2",
  check(model) {
    const out: RuleFinding[] = [];
    for (const pool of model.pools()) {
      if (pool.spec.erasureCoding !== undefined || pool.size !== 2) continue;
      out.push(
        finding(
          "P3",
          "warning",
          poolFieldPath(pool, "size"),
          pool.minSize >= 2
            ? `Pool '${pool.name}' keeps 2 copies and needs both online (minSize ${pool.minSize}): while any host with a copy is down, even for a reboot, I/O on the pool stops and its guests hang or crash.`
            : `Pool '${pool.name}' keeps only 2 copies; with minSize ${pool.minSize} it stays writable on one copy, which risks data loss (see P2).`,
          `Use size 3 with minSize 2 on at least three hosts with OSDs.`,
        ),
      );
    }
    return out;
  },
};
