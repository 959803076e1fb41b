import { NodeSpec } from "../../model/spec-types";
import { Rule, RuleFinding } from "../rule";
import { finding, quoted } from "./support";

function cpuKey(n: NodeSpec): string | undefined {
  return n.cpu?.vendor && n.cpu.model ? `${n.cpu.vendor} ${n.cpu.model}` : undefined;
}

/**
 * M3: CPU type `host` hands the guest the exact host CPU; live migration then only works
 * to nodes with the identical CPU (and microcode). With different CPUs, a named model
 * or an x86-64-vN level keeps guests movable.
 */
export const cpuTypeHostIdenticalNodes: Rule = {
  id: "M3",
  title: "CPU type host only where all candidate nodes have identical CPUs",
  check(model) {
    const out: RuleFinding[] = [];
    const cpuOf = new Map(model.nodes.map((n) => [n.name, cpuKey(n)]));
    const describe = (nodes: readonly string[]): string[] | undefined => {
      const kinds = new Map<string, string[]>();
      for (const n of nodes) {
        const k = cpuOf.get(n);
        if (!k) continue;
        const list = kinds.get(k);
        if (list) list.push(n);
        else kinds.set(k, [n]);
      }
      return kinds.size > 1 ? [...kinds].map(([k, ns]) => `${ns.join(", ")}: ${k}`) : undefined;
    };
    const allNodes = model.nodes.map((n) => n.name);
    const clusterMix = describe(allNodes);
    const reportedPaths = new Set<string>(); // a template's cpuType is reported once, not per clone
    for (const guest of model.guests()) {
      if (guest.kind !== "vm") continue;
      const cpu = model.effectiveCpuType(guest);
      if (cpu.type !== "host" || cpu.path === undefined) continue;
      const candidates = model.guestNodes(guest);
      // A guest HA cannot move is still migrated by hand during maintenance: any node may be the target.
      const mix = candidates.length > 1 ? describe(candidates) : clusterMix;
      if (!mix) continue;
      if (reportedPaths.has(cpu.path)) continue;
      reportedPaths.add(cpu.path);
      const inherited = !cpu.path.startsWith(guest.path + "/");
      out.push(
        finding(
          "M3",
          "warning",
          cpu.path,
          `${inherited ? `Template CPU type 'host' (used by clones such as '${guest.spec.name}')` : `VM '${guest.spec.name}' uses CPU type 'host'`}, but the nodes it may run on have different CPUs (${mix.join("; ")}); live migration between them can fail or crash the guest.`,
          `Use a CPU model all these nodes support, e.g. 'x86-64-v2-AES' (or the newest x86-64-vN level, or the oldest named model, common to ${quoted(candidates.length > 1 ? candidates : allNodes, 3)}).`,
        ),
      );
    }
    return out;
  },
};
