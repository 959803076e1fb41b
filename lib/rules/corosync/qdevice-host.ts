import { pointer } from "../../model/findings";
import { Rule } from "../rule";
import { finding } from "./support";

/**
 * Q4: the QDevice is an external vote: a host outside the cluster runs corosync-qnetd on
 * TCP 5403, the nodes run corosync-qdevice. Latency does not matter for it, but it must
 * not be one of the cluster's own nodes, or the vote fails together with that node.
 */
export const qdeviceHost: Rule = {
  id: "Q4",
  title: "The QDevice runs on an external host reachable on TCP 5403",
  check(model) {
    const qdevice = model.body.corosync?.qdevice;
    if (!qdevice) return [];
    const path = pointer("spec", "corosync", "qdevice", "host");
    const host: unknown = qdevice.host;
    const owner = model.nodes.find(
      (n) => n.name === host || n.sshHost === host || Object.values(n.addresses ?? {}).includes(host as string),
    );
    if (owner) {
      return [
        finding(
          "Q4",
          "warning",
          path,
          `The QDevice host '${String(host)}' is cluster node '${owner.name}'; its vote disappears together with that node, so it cannot break the tie it is there for.`,
          `Run corosync-qnetd on a separate machine (a small VM elsewhere, a Raspberry Pi) and put its address in 'corosync.qdevice.host'.`,
        ),
      ];
    }
    return [
      finding(
        "Q4",
        "info",
        path,
        `The QDevice host '${String(host)}' must run corosync-qnetd and accept TCP 5403 from every node; the nodes get corosync-qdevice. It need not be on the low-latency corosync network, and its traffic is encrypted.`,
        `Install corosync-qnetd on '${String(host)}' and open TCP 5403 to it before applying.`,
      ),
    ];
  },
};
