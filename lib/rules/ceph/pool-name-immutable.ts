import { pointer } from "../../model/findings";
import { Rule, RuleFinding } from "../rule";
import { finding, plural } from "../guests/support";
import { poolPath } from "./pool-paths";

/**
 * P8: a pool's name is its identity in Ceph; it must be unique, and Proxmox cannot rename
 * it. Changing the name in the spec means a new, empty pool and the old one destroyed,
 * which the plan review flags; said once as a note.
 */
export const poolNameImmutable: Rule = {
  id: "P8",
  title: "Pool names are unique and cannot be changed",
  check(model) {
    const out: RuleFinding[] = [];
    const pools = model.pools();
    if (pools.length === 0) return out;
    const first = new Map<string, number>();
    for (const pool of pools) {
      const earlier = first.get(pool.name);
      if (earlier === undefined) {
        first.set(pool.name, pool.index);
        continue;
      }
      out.push(
        finding(
          "P8",
          "error",
          poolPath(pool, "name"),
          `Pool name '${pool.name}' is already used by ${pointer("spec", "ceph", "pools", earlier)}; Ceph pool names are unique.`,
          `Rename one of the pools, or merge the two entries.`,
        ),
      );
    }
    out.push(
      finding(
        "P8",
        "info",
        pointer("spec", "ceph", "pools", pools[0].index, "name"),
        `${plural(pools.length, "Ceph pool")} ${pools.length === 1 ? "is" : "are"} declared. A pool's name cannot be changed once it exists: renaming it in the spec creates a new, empty pool and destroys the old one with its data.`,
        `Choose pool names you can keep; to rename, migrate the guest disks to a new pool first.`,
      ),
    );
    return out;
  },
};
