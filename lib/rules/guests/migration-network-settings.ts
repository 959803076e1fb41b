import { pointer } from "../../model/findings";
import { Rule, RuleFinding } from "../rule";
import { finding, inCidr, parseHostIp, quoted } from "./support";

/**
 * M4: `migration: network=CIDR` makes every node pick its one address inside that CIDR
 * for migration traffic; a node with none (or two) there cannot migrate. `insecure`
 * sends guest RAM unencrypted, which is only acceptable on a private network.
 */
export const migrationNetworkSettings: Rule = {
  id: "M4",
  title: "The migration network exists, carries the migration role and has one address per node; insecure only on private networks",
  check(model) {
    const out: RuleFinding[] = [];
    const migration = model.body.migration;
    if (!migration) return out;
    const name = migration.network;
    const net = name !== undefined ? model.network(name) : undefined;
    if (name !== undefined && !net) {
      out.push(
        finding(
          "M4",
          "error",
          pointer("spec", "migration", "network"),
          `The migration network '${name}' is not declared under networks.`,
          `Declare network '${name}' (with the 'migration' role) or name an existing one: ${quoted(model.networks.map((n) => n.name))}.`,
        ),
      );
    }
    if (net) {
      if (!(net.roles ?? []).includes("migration")) {
        out.push(
          finding(
            "M4",
            "error",
            pointer("spec", "migration", "network"),
            `Network '${net.name}' carries migration traffic but does not list the 'migration' role, so the overlap checks (C3, IP1) cannot see that traffic.`,
            `Add 'migration' to the roles of network '${net.name}'.`,
          ),
        );
      }
      const cidr = model.cidrOf(net.name);
      if (cidr) {
        for (const node of model.nodes) {
          const inside = Object.entries(node.addresses ?? {}).filter(([, ip]) => {
            const parsed = parseHostIp(ip);
            return parsed !== undefined && inCidr(parsed, cidr);
          });
          if (inside.length === 1) continue;
          out.push(
            finding(
              "M4",
              "error",
              model.nodePath(node.name, "addresses"),
              inside.length === 0
                ? `Node '${node.name}' has no address in the migration network ${net.cidr} ('${net.name}'), so guests cannot be migrated to or from it.`
                : `Node '${node.name}' has ${inside.length} addresses in the migration network ${net.cidr} (${inside.map(([n, ip]) => `${n}: ${ip}`).join(", ")}); PVE needs exactly one to know where to send migration traffic.`,
              inside.length === 0
                ? `Give '${node.name}' an address on network '${net.name}' (addresses.${net.name}).`
                : `Keep one address of '${node.name}' inside ${net.cidr}.`,
            ),
          );
        }
      }
    }
    if (migration.type === "insecure" && !net?.private) {
      out.push(
        finding(
          "M4",
          "warning",
          pointer("spec", "migration", "type"),
          net
            ? `Migration type is insecure on network '${net.name}', which is not marked private: guest memory (passwords, keys) crosses it unencrypted.`
            : `Migration type is insecure without a dedicated migration network: guest memory (passwords, keys) travels unencrypted over the cluster network.`,
          net
            ? `Use type 'secure', or mark network '${net.name}' 'private: true' if only trusted hosts can see its traffic.`
            : `Use type 'secure', or set a dedicated migration network marked 'private: true'.`,
        ),
      );
    }
    return out;
  },
};
