import { pointer } from "../../model/findings";
import { NetworkRole } from "../../model/spec-types";
import { Rule, RuleFinding } from "../rule";
import { finding, quoted } from "../guests/support";

/**
 * CN1: `pveceph init` needs the public network; the cluster network is optional. Both
 * must name declared networks, and those networks should list the matching Ceph role:
 * the role list is what the overlap rules (C3, IP1) read to see Ceph traffic.
 */
export const cephNetworksDeclared: Rule = {
  id: "CN1",
  title: "Ceph's public (and optional cluster) network is declared and carries the Ceph role",
  check(model) {
    const out: RuleFinding[] = [];
    const ceph = model.body.ceph;
    const known = quoted(model.networks.map((n) => n?.name).filter((n): n is string => typeof n === "string"));
    if (!ceph) {
      // Daemons on nodes without a ceph section: nothing would tell Ceph which network to use.
      const node = model.cephNodes()[0];
      if (node) {
        out.push(
          finding(
            "CN1",
            "error",
            model.nodePath(node.name, "ceph"),
            `Node '${node.name}' declares Ceph daemons or OSDs, but the spec has no 'ceph' section, so Ceph has no public network to be initialised with.`,
            `Add 'ceph: { publicNetwork: <network> }' naming the network for Ceph traffic, or remove the Ceph daemons from the nodes.`,
          ),
        );
      }
      return out;
    }
    const check = (name: unknown, field: "publicNetwork" | "clusterNetwork", role: NetworkRole, required: boolean) => {
      const path = pointer("spec", "ceph", field);
      if (name === undefined || name === "") {
        if (required) {
          out.push(finding("CN1", "error", pointer("spec", "ceph"), `The ceph section names no public network; Ceph cannot be initialised without one.`, `Set 'publicNetwork' to one of the declared networks: ${known}.`));
        }
        return;
      }
      const net = typeof name === "string" ? model.network(name) : undefined;
      if (!net) {
        out.push(
          finding(
            "CN1",
            "error",
            path,
            `ceph.${field} names network '${String(name)}', which is not declared under networks, so the Ceph ${role === "ceph-public" ? "public" : "cluster"} CIDR is unknown.`,
            `Declare network '${String(name)}' with the '${role}' role, or name one of ${known}.`,
          ),
        );
        return;
      }
      if (!(net.roles ?? []).includes(role)) {
        out.push(
          finding(
            "CN1",
            "warning",
            path,
            `Network '${net.name}' is Ceph's ${field === "publicNetwork" ? "public" : "cluster"} network but does not list the '${role}' role, so the rules that look at roles (C3, IP1) do not see its Ceph traffic.`,
            `Add '${role}' to the roles of network '${net.name}'.`,
          ),
        );
      }
    };
    check(ceph.publicNetwork, "publicNetwork", "ceph-public", true);
    if (ceph.clusterNetwork !== ceph.publicNetwork) check(ceph.clusterNetwork, "clusterNetwork", "ceph-cluster", false);

    // The opposite lie: a network claims a Ceph role that the ceph section does not give it.
    model.networks.forEach((net, i) => {
      const roles = net?.roles ?? [];
      const claims: { role: NetworkRole; field: string; value: string | undefined; carrier: string | undefined }[] = [
        { role: "ceph-public", field: "publicNetwork", value: ceph.publicNetwork, carrier: ceph.publicNetwork },
        // Without a cluster network, replication runs on the public network, which may list both roles.
        { role: "ceph-cluster", field: "clusterNetwork", value: ceph.clusterNetwork, carrier: ceph.clusterNetwork ?? ceph.publicNetwork },
      ];
      for (const { role, field, value, carrier } of claims) {
        if (!roles.includes(role) || net.name === carrier) continue;
        out.push(
          finding(
            "CN1",
            "warning",
            pointer("spec", "networks", i, "roles"),
            `Network '${net.name}' lists the '${role}' role, but ceph.${field} ${value === undefined ? "is not set" : `is '${value}'`}; Ceph will not use this network, and the role makes the overlap checks judge traffic that is not there.`,
            `Remove '${role}' from network '${net.name}', or set ceph.${field} to '${net.name}'.`,
          ),
        );
      }
    });
    return out;
  },
};
