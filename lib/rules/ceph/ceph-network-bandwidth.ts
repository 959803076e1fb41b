import { Rule, RuleFinding } from "../rule";
import { finding } from "../guests/support";
import { cephNetworks, hasNvmeOsds } from "./ceph-networks";

/** pveceph's network recommendation: at least 10 Gbit/s for Ceph, 25 Gbit/s or more with NVMe OSDs. */
const MIN_GBPS = 10;
const MIN_GBPS_NVME = 25;

/**
 * CN3: replication and recovery move whole disks' worth of data (1 TB takes about three
 * hours at 1 Gbit/s); a slow Ceph network stretches the time the cluster runs degraded.
 * Networks without `bandwidthGbps` are not judged.
 */
export const cephNetworkBandwidth: Rule = {
  id: "CN3",
  title: "Ceph networks have at least 10 Gbit/s (25 Gbit/s with NVMe OSDs)",
  check(model) {
    const out: RuleFinding[] = [];
    const nvme = hasNvmeOsds(model);
    const want = nvme ? MIN_GBPS_NVME : MIN_GBPS;
    for (const { kind, net } of cephNetworks(model)) {
      const gbps = net.bandwidthGbps;
      if (typeof gbps !== "number" || !(gbps < want)) continue;
      out.push(
        finding(
          "CN3",
          "warning",
          model.networkPath(net.name, "bandwidthGbps"),
          nvme && gbps >= MIN_GBPS
            ? `The Ceph ${kind} network '${net.name}' has ${gbps} Gbit/s; NVMe OSDs can each fill more than that, so the network, not the disks, limits Ceph and recovery.`
            : `The Ceph ${kind} network '${net.name}' has ${gbps} Gbit/s, below the ${MIN_GBPS} Gbit/s Proxmox recommends; recovering a failed disk or node takes hours and slows every guest meanwhile.`,
          `Give Ceph a ${want} Gbit/s (or faster) network${nvme ? " for the NVMe OSDs" : ""}; a full mesh of direct links works for 3–5 nodes.`,
        ),
      );
    }
    return out;
  },
};
