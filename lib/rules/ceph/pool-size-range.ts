import { ResolvedPool } from "../../model/model";
import { Rule, RuleFinding } from "../rule";
import { finding } from "../guests/support";
import { isInteger, poolFieldPath } from "./pool-paths";

/** pveceph accepts size and min_size from 1 to 7, and pg_num from 1 to 32768. */
const SIZE_MAX = 7;
const PG_NUM_MAX = 32768;

function checkPgNum(pool: ResolvedPool, out: RuleFinding[]): void {
  if (pool.spec.pgNum !== undefined && !(isInteger(pool.pgNum) && pool.pgNum >= 1 && pool.pgNum <= PG_NUM_MAX)) {
    out.push(
      finding(
        "P1",
        "error",
        poolFieldPath(pool, "pgNum"),
        `Pool '${pool.name}' has pgNum ${pool.pgNum}; Proxmox accepts a whole number from 1 to ${PG_NUM_MAX}.`,
        `Drop pgNum and let the autoscaler choose, or set a power of two such as 128.`,
      ),
    );
  }
}

/**
 * P1: the ranges `pveceph pool create` accepts, and min_size ≤ size (a pool that needs more
 * copies online than it keeps never serves I/O). Erasure-coded pools take size and
 * min_size from k and m; P7 checks those.
 */
export const poolSizeRange: Rule = {
  id: "P1",
  title: "Pool size and minSize are 1–7 with minSize ≤ size; pgNum is 1–32768",
  check(model) {
    const out: RuleFinding[] = [];
    for (const pool of model.pools()) {
      checkPgNum(pool, out);
      if (pool.spec.erasureCoding !== undefined) continue; // P7: k, m and minSize of EC pools
      const sizeOk = isInteger(pool.size) && pool.size >= 1 && pool.size <= SIZE_MAX;
      if (!sizeOk) {
        out.push(
          finding(
            "P1",
            "error",
            poolFieldPath(pool, "size"),
            `Pool '${pool.name}' has size ${pool.size}; Proxmox accepts a whole number of copies from 1 to ${SIZE_MAX}.`,
            `Set size to 3 (the default) or another whole number from 1 to ${SIZE_MAX}.`,
          ),
        );
      }
      const minOk = isInteger(pool.minSize) && pool.minSize >= 1 && pool.minSize <= SIZE_MAX;
      if (!minOk) {
        out.push(
          finding(
            "P1",
            "error",
            poolFieldPath(pool, "minSize"),
            `Pool '${pool.name}' has minSize ${pool.minSize}; Proxmox accepts a whole number from 1 to ${SIZE_MAX}.`,
            `Set minSize to 2 (the default for size 3).`,
          ),
        );
      } else if (sizeOk && pool.minSize > pool.size) {
        out.push(
          finding(
            "P1",
            "error",
            poolFieldPath(pool, "minSize"),
            `Pool '${pool.name}' needs ${pool.minSize} copies online (minSize) but keeps only ${pool.size} (size), so it never accepts I/O.`,
            `Set minSize to at most ${pool.size}; with size 3, use minSize 2.`,
          ),
        );
      }
    }
    return out;
  },
};
