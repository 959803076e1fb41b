import { pointer } from "../../model/findings";
import { Rule } from "../rule";
import { finding } from "./support";

/**
 * Q2: two nodes hold two votes and quorum needs both, so either node failing stops the
 * whole cluster. With HA guests or Ceph that defeats the point of the cluster: error.
 * The fix the Proxmox docs give is a QDevice as the third vote. A spec that sets the
 * `twoNode` expert override is left to Q7.
 */
export const twoNodeCluster: Rule = {
  id: "Q2",
  title: "A two-node cluster has a QDevice",
  check(model) {
    if (model.nodes.length !== 2 || model.hasQDevice() || model.body.corosync?.twoNode === true) return [];
    const ha = model.haVms().length > 0;
    const ceph = model.cephEnabled();
    const needs = [ha ? "HA guests" : "", ceph ? "Ceph" : ""].filter((s) => s !== "");
    const severe = needs.length > 0;
    return [
      finding(
        "Q2",
        severe ? "error" : "warning",
        pointer("spec", "corosync"),
        `The cluster has two nodes and no QDevice: quorum needs both votes, so when either node fails or reboots the other turns read-only${severe ? `, and the ${needs.join(" and ")} declared here cannot keep running through a node failure` : ""}.`,
        `Add a QDevice as the third vote (corosync.qdevice with the address of a small external host running corosync-qnetd, reachable on TCP 5403), or add a third node.`,
      ),
    ];
  },
};
