import { Rule, RuleFinding } from "../rule";
import { finding, quoted } from "./support";

function majorOf(version: unknown): string | undefined {
  if (typeof version !== "string") return undefined;
  return /^\s*(\d+)(?:\.|$|-)/.exec(version)?.[1];
}

/**
 * N4: all nodes of a cluster should run the same PVE major version; a mix is only
 * supported for the length of an upgrade (the cluster stack and the API differ between
 * majors). Nodes that declare no version are left out.
 */
export const pveVersionsMatch: Rule = {
  id: "N4",
  title: "All nodes run the same PVE major version",
  check(model) {
    const byMajor = new Map<string, string[]>();
    for (const node of model.nodes) {
      const major = majorOf(node.pveVersion);
      if (major === undefined) continue;
      byMajor.set(major, [...(byMajor.get(major) ?? []), node.name]);
    }
    if (byMajor.size < 2) return [];
    // The most common major is taken as the intended one; on a tie, the first node's.
    const firstMajor = majorOf(model.nodes.find((n) => majorOf(n.pveVersion) !== undefined)?.pveVersion);
    const [target] = [...byMajor.entries()].sort(
      (a, b) => b[1].length - a[1].length || Number(b[0] === firstMajor) - Number(a[0] === firstMajor),
    )[0];
    const out: RuleFinding[] = [];
    for (const node of model.nodes) {
      const major = majorOf(node.pveVersion);
      if (major === undefined || major === target) continue;
      out.push(
        finding(
          "N4",
          "warning",
          model.nodePath(node.name, "pveVersion"),
          `Node '${node.name}' runs PVE ${node.pveVersion}, while ${quoted(byMajor.get(target)!, 3)} run${byMajor.get(target)!.length === 1 ? "s" : ""} PVE ${target}.x; mixing major versions is only meant for the time of an upgrade.`,
          `Upgrade the nodes so all run PVE ${Math.max(...[...byMajor.keys()].map(Number))}.x, and update 'pveVersion' to match.`,
        ),
      );
    }
    return out;
  },
};
