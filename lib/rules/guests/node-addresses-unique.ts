import { pointer } from "../../model/findings";
import { Rule, RuleFinding } from "../rule";
import { finding, ipKey, parseHostIp } from "./support";

/**
 * IP2: corosync, Ceph and SSH all identify a node by its address; two nodes claiming
 * one IP break all of them (and the QDevice host must be a different machine).
 */
export const nodeAddressesUnique: Rule = {
  id: "IP2",
  title: "Node addresses are unique across the cluster",
  check(model) {
    const out: RuleFinding[] = [];
    const owner = new Map<string, { node: string; network: string }>();
    for (const node of model.nodes) {
      for (const [network, text] of Object.entries(node.addresses ?? {})) {
        const ip = parseHostIp(text);
        if (!ip) continue; // IP3 reports it
        const key = ipKey(ip);
        const first = owner.get(key);
        if (!first) {
          owner.set(key, { node: node.name, network });
        } else if (first.node !== node.name) {
          out.push(
            finding(
              "IP2",
              "error",
              model.nodePath(node.name, "addresses", network),
              `Node '${node.name}' uses ${text} on '${network}', which node '${first.node}' already uses on '${first.network}'; corosync, Ceph and SSH would reach the wrong machine.`,
              `Give '${node.name}' its own address on '${network}'.`,
            ),
          );
        }
      }
    }
    const qdevice = model.body.corosync?.qdevice;
    const qip = parseHostIp(qdevice?.host);
    const clash = qip ? owner.get(ipKey(qip)) : undefined;
    if (qdevice && clash) {
      out.push(
        finding(
          "IP2",
          "error",
          pointer("spec", "corosync", "qdevice", "host"),
          `The QDevice host ${qdevice.host} is node '${clash.node}' (its address on '${clash.network}'); a QDevice on a cluster node adds no independent vote.`,
          `Run corosync-qnetd on a machine outside the cluster and use its address.`,
        ),
      );
    }
    return out;
  },
};
