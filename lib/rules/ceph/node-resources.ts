import { Rule, RuleFinding } from "../rule";
import { finding } from "../guests/support";

/**
 * Memory Ceph needs on a node, in GiB: 8 per OSD (pveceph: the 4 GiB osd_memory_target
 * plus headroom for recovery), 1 per monitor and per manager, 4 per metadata server (its
 * default cache limit). Guests and the host itself come on top.
 */
export const MEMORY_GIB = { osd: 8, mon: 1, mgr: 1, mds: 4 } as const;

/**
 * CD6: Ceph daemons compete with guests for CPU and memory on a hyper-converged node.
 * Proxmox recommends at least one core per Ceph daemon and enough memory that OSDs never
 * swap or get killed, which would turn a busy node into a recovering cluster.
 */
export const nodeResources: Rule = {
  id: "CD6",
  title: "Nodes have a core per Ceph daemon and the memory Ceph needs",
  check(model) {
    const out: RuleFinding[] = [];
    if (!model.cephEnabled()) return out;
    for (const node of model.cephNodes()) {
      const ceph = node.ceph!;
      const osds = (ceph.osds ?? []).length;
      const daemons = osds + (ceph.mon ? 1 : 0) + (ceph.mgr ? 1 : 0) + (ceph.mds ? 1 : 0);
      const list = [
        osds > 0 ? `${osds} OSD${osds === 1 ? "" : "s"}` : "",
        ceph.mon ? "a monitor" : "",
        ceph.mgr ? "a manager" : "",
        ceph.mds ? "a metadata server" : "",
      ].filter((s) => s !== "").join(", ");
      const cores = node.cpu?.cores;
      if (typeof cores === "number" && cores < daemons) {
        out.push(
          finding(
            "CD6",
            "warning",
            model.nodePath(node.name, "cpu", "cores"),
            `Node '${node.name}' has ${cores} cores for ${daemons} Ceph daemons (${list}) plus its guests; Proxmox recommends at least one core per daemon, or Ceph latency rises whenever guests are busy.`,
            `Use a node with at least ${daemons} cores (more for the guests), or move daemons or OSDs to other nodes.`,
          ),
        );
      }
      const memory = node.memoryGiB;
      const need = osds * MEMORY_GIB.osd + (ceph.mon ? MEMORY_GIB.mon : 0) + (ceph.mgr ? MEMORY_GIB.mgr : 0) + (ceph.mds ? MEMORY_GIB.mds : 0);
      if (typeof memory === "number" && memory < need) {
        out.push(
          finding(
            "CD6",
            "warning",
            model.nodePath(node.name, "memoryGiB"),
            `Node '${node.name}' has ${memory} GiB of memory, but its Ceph daemons (${list}) alone need about ${need} GiB (${MEMORY_GIB.osd} per OSD, ${MEMORY_GIB.mon} per monitor or manager, ${MEMORY_GIB.mds} per metadata server), before any guest runs; OSDs short of memory slow down or are killed.`,
            `Give '${node.name}' at least ${need} GiB plus what its guests use, or run fewer OSDs on it.`,
          ),
        );
      }
    }
    return out;
  },
};
