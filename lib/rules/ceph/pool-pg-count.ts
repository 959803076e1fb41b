import { Rule, RuleFinding } from "../rule";
import { finding } from "../guests/support";
import { isInteger, osdsPossiblyWithClass, poolFieldPath, poolPath } from "./pool-paths";

/** Ceph's target (mon_target_pg_per_osd). */
const PGS_PER_OSD = 100;
/** The autoscaler itself only acts when pg_num is off by this factor. */
const FACTOR = 3;

function nearestPowerOfTwo(n: number): number {
  const lower = 2 ** Math.floor(Math.log2(Math.max(n, 1)));
  return n - lower < lower * 2 - n ? lower : lower * 2;
}

/**
 * P6: with the autoscaler off, pg_num is what the spec says. Ceph aims for about 100 PGs
 * per OSD, so a pool's share is about 100 × OSDs ÷ size. Far too few PGs spread data
 * unevenly over the OSDs; far too many cost memory and CPU on every OSD. A pg_num that is
 * not a power of two splits data unevenly between PGs, and Ceph warns about it.
 * The target assumes the pool holds most of the data; with several pools, each should
 * get less, which the ×3 margin absorbs.
 */
export const poolPgCount: Rule = {
  id: "P6",
  title: "Manual pgNum is a power of two near 100 PGs per OSD",
  check(model) {
    const out: RuleFinding[] = [];
    if (!model.cephEnabled()) return out;
    for (const pool of model.pools()) {
      if (pool.autoscaleMode === "on" || !isInteger(pool.pgNum) || pool.pgNum < 1) continue;
      const pgNum = pool.pgNum;
      if ((pgNum & (pgNum - 1)) !== 0) {
        out.push(
          finding(
            "P6",
            "warning",
            poolFieldPath(pool, "pgNum"),
            `Pool '${pool.name}' has pgNum ${pgNum}, not a power of two, and the autoscaler is ${pool.autoscaleMode}; some PGs then hold twice as much data as others, and Ceph reports a health warning.`,
            `Set pgNum to ${nearestPowerOfTwo(pgNum)}, or turn the autoscaler on.`,
          ),
        );
      }
      const osds = osdsPossiblyWithClass(model, pool.spec.deviceClass);
      if (osds === 0 || !isInteger(pool.size) || pool.size < 1) continue;
      const target = nearestPowerOfTwo((PGS_PER_OSD * osds) / pool.size);
      if (pgNum * FACTOR >= target && pgNum <= target * FACTOR) continue;
      out.push(
        finding(
          "P6",
          "warning",
          pool.spec.pgNum === undefined ? poolPath(pool, "autoscaleMode") : poolPath(pool, "pgNum"),
          `Pool '${pool.name}' has ${pgNum} PGs with the autoscaler ${pool.autoscaleMode}, but ${osds} OSDs and size ${pool.size} call for about ${target} (${PGS_PER_OSD} PGs per OSD); ${pgNum < target ? "too few PGs spread data unevenly, so some OSDs fill up early" : "too many PGs cost memory and CPU on every OSD"}.`,
          `Set pgNum to about ${target}, or set autoscaleMode 'on' (with a targetSizeRatio) and let Ceph choose.`,
        ),
      );
    }
    return out;
  },
};
