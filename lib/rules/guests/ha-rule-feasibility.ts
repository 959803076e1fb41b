import { pointer } from "../../model/findings";
import { HaRuleSpec, NodeAffinityRuleSpec } from "../../model/spec-types";
import { Rule, RuleFinding } from "../rule";
import { finding, quoted } from "./support";

const HINT_DOCS = "See the 'Rule Conflicts and Errors' list in the PVE HA chapter.";

/** Resources connected through positive resource-affinity rules form one group (PVE merges such rules). */
class Groups {
  private readonly parent = new Map<string, string>();
  find(x: string): string {
    let root = x;
    while (this.parent.has(root) && this.parent.get(root) !== root) root = this.parent.get(root)!;
    // Path compression keeps later look-ups flat.
    let cur = x;
    while (cur !== root) {
      const next = this.parent.get(cur) ?? root;
      this.parent.set(cur, root);
      cur = next;
    }
    return root;
  }
  union(a: string, b: string): void {
    if (!this.parent.has(a)) this.parent.set(a, a);
    if (!this.parent.has(b)) this.parent.set(b, b);
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(rb, ra);
  }
  has(x: string): boolean {
    return this.parent.has(x);
  }
}

function hasSeveralPriorities(rule: NodeAffinityRuleSpec): boolean {
  return new Set(Object.values(rule.nodes ?? {})).size > 1;
}

/**
 * H6: PVE checks HA rules for feasibility and silently disables those that fail, so a
 * guest meant to be kept apart or pinned would simply not be. Every check of the PVE
 * list is repeated here, plus references that cannot resolve at all.
 */
export const haRuleFeasibility: Rule = {
  id: "H6",
  title: "HA rules are feasible (PVE disables infeasible rules)",
  check(model) {
    const rules: readonly HaRuleSpec[] = model.body.haRules ?? [];
    if (rules.length === 0) return [];
    const out: RuleFinding[] = [];
    const vms = model.vmsByName();
    const templates = model.templatesByName();
    const nodeCount = model.nodes.length;
    const path = (i: number, ...rest: (string | number)[]) => pointer("spec", "haRules", i, ...rest);
    const error = (p: string, message: string, hint: string) => out.push(finding("H6", "error", p, message, hint));

    const ruleIndexByName = new Map<string, number>();
    const nodeAffinityByVm = new Map<string, number[]>(); // VM name → node-affinity rule indices

    rules.forEach((rule, i) => {
      const first = ruleIndexByName.get(rule.name);
      if (first !== undefined) {
        error(path(i, "name"), `Two HA rules are named '${rule.name}' (haRules[${first}] and haRules[${i}]); rule IDs are unique in PVE, so one would replace the other.`, `Rename one of the rules.`);
      } else {
        ruleIndexByName.set(rule.name, i);
      }
      const resources = rule.resources ?? [];
      resources.forEach((name, j) => {
        const vm = vms.get(name);
        if (!vm) {
          error(
            path(i, "resources", j),
            templates.has(name)
              ? `HA rule '${rule.name}' names '${name}', which is a template; templates cannot run, so they cannot be HA resources.`
              : `HA rule '${rule.name}' names '${name}', but no VM has that name.`,
            `Name an HA-managed VM from 'vms', or remove '${name}' from the rule.`,
          );
        } else if (vm.spec.ha === undefined) {
          error(
            path(i, "resources", j),
            `HA rule '${rule.name}' names VM '${name}', which is not under HA; HA rules only act on HA resources, so the rule would not do what it says.`,
            `Add an 'ha' block to VM '${name}', or remove it from the rule.`,
          );
        }
      });

      if (rule.type === "node-affinity") {
        const nodes = Object.keys(rule.nodes ?? {});
        if (nodes.length === 0) {
          error(path(i, "nodes"), `Node-affinity rule '${rule.name}' names no nodes, so it places nothing.`, `List at least one node with a priority, or delete the rule.`);
        }
        for (const n of nodes) {
          if (!model.node(n)) {
            error(path(i, "nodes", n), `Node-affinity rule '${rule.name}' names node '${n}', which is not a node of this cluster.`, `Use one of ${quoted(model.nodes.map((x) => x.name))}.`);
          }
        }
        resources.forEach((name, j) => {
          const list = nodeAffinityByVm.get(name);
          if (!list) {
            nodeAffinityByVm.set(name, [i]);
          } else if (!list.includes(i)) {
            error(
              path(i, "resources", j),
              `VM '${name}' is in node-affinity rule '${rule.name}' and already in '${rules[list[0]].name}'; PVE allows one node-affinity rule per resource and disables both.`,
              `Merge the two rules' nodes into one rule for '${name}'. ${HINT_DOCS}`,
            );
            list.push(i);
          }
        });
      } else if (rule.type === "resource-affinity") {
        const distinct = new Set(resources);
        if (distinct.size < 2) {
          error(path(i, "resources"), `Resource-affinity rule '${rule.name}' has ${distinct.size === 0 ? "no resources" : "a single resource"}; it needs at least two to relate, so PVE treats it as ineffective.`, `Add the guests it should keep together or apart, or delete the rule.`);
        }
        if (rule.affinity === "negative" && distinct.size > nodeCount) {
          error(
            path(i, "resources"),
            `Negative resource-affinity rule '${rule.name}' keeps ${distinct.size} guests on separate nodes, but the cluster has only ${nodeCount} nodes.`,
            `Split the rule so that no rule keeps more guests apart than there are nodes (${nodeCount}).`,
          );
        }
      }
    });

    // Positive rules sharing a guest are merged by PVE; build those groups.
    const groups = new Groups();
    const positive: number[] = [];
    const negative: number[] = [];
    rules.forEach((rule, i) => {
      if (rule.type !== "resource-affinity") return;
      (rule.affinity === "positive" ? positive : negative).push(i);
      if (rule.affinity === "positive") {
        const res = rule.resources ?? [];
        for (const r of res) groups.union(res[0], r);
      }
    });

    // A resource in a resource-affinity rule may only be in a node-affinity rule with one priority class.
    rules.forEach((rule, i) => {
      if (rule.type !== "resource-affinity") return;
      const conflicting = new Set<number>();
      for (const r of rule.resources ?? []) {
        for (const k of nodeAffinityByVm.get(r) ?? []) {
          const na = rules[k];
          if (na.type === "node-affinity" && hasSeveralPriorities(na)) conflicting.add(k);
        }
      }
      for (const k of conflicting) {
        error(
          path(i, "resources"),
          `Resource-affinity rule '${rule.name}' shares guests with node-affinity rule '${rules[k].name}', which uses several priority levels; PVE rejects that combination and disables both rules.`,
          `Give every node in '${rules[k].name}' the same priority, or take the shared guests out of one of the rules. ${HINT_DOCS}`,
        );
      }
    });

    // The guests of one positive group may be in at most one node-affinity rule.
    const groupRules = new Map<string, number[]>(); // group root → positive rule indices
    for (const i of positive) {
      const res = rules[i].resources ?? [];
      if (res.length === 0) continue;
      const root = groups.find(res[0]);
      const list = groupRules.get(root);
      if (list) list.push(i);
      else groupRules.set(root, [i]);
    }
    for (const ruleIdx of groupRules.values()) {
      const nodeRules = new Set<number>();
      for (const i of ruleIdx) for (const r of rules[i].resources ?? []) for (const k of nodeAffinityByVm.get(r) ?? []) nodeRules.add(k);
      if (nodeRules.size > 1) {
        error(
          path(ruleIdx[0], "resources"),
          `The guests kept together by ${quoted(ruleIdx.map((i) => rules[i].name))} are spread over the node-affinity rules ${quoted([...nodeRules].map((k) => rules[k].name))}; guests that must run together can follow only one node-affinity rule.`,
          `Put all of these guests into a single node-affinity rule. ${HINT_DOCS}`,
        );
      }
    }

    for (const i of negative) {
      const rule = rules[i];
      const res = [...new Set(rule.resources ?? [])];
      // Guests that must be together and apart at the same time.
      const perGroup = new Map<string, string[]>();
      for (const r of res) {
        if (!groups.has(r)) continue;
        const root = groups.find(r);
        const list = perGroup.get(root);
        if (list) list.push(r);
        else perGroup.set(root, [r]);
      }
      for (const [root, members] of perGroup) {
        if (members.length < 2) continue;
        const positives = groupRules.get(root) ?? [];
        error(
          path(i, "resources"),
          `Negative rule '${rule.name}' keeps ${quoted(members)} apart, while ${quoted(positives.map((k) => rules[k].name))} keep${positives.length === 1 ? "s" : ""} them together; both cannot hold, and PVE disables the rules.`,
          `Remove these guests from either the positive or the negative rule.`,
        );
      }
      // Enough nodes to separate the guests that node-affinity rules restrict.
      const located = new Set<string>();
      const allowed = new Set<string>();
      const nodeRules = new Set<number>();
      for (const r of res) {
        const ks = nodeAffinityByVm.get(r);
        if (!ks) continue;
        for (const k of ks) {
          const na = rules[k];
          if (na.type !== "node-affinity") continue;
          const known = Object.keys(na.nodes ?? {}).filter((n) => model.node(n));
          if (known.length === 0) continue; // already reported: the rule names no usable node
          nodeRules.add(k);
          located.add(r);
          for (const n of known) allowed.add(n);
        }
      }
      if (located.size > 0 && allowed.size < located.size) {
        error(
          path(i, "resources"),
          `Negative rule '${rule.name}' must keep ${quoted([...located])} on separate nodes, but their node-affinity rules (${quoted([...nodeRules].map((k) => rules[k].name))}) allow only ${quoted([...allowed])}.`,
          `Allow at least ${located.size} nodes across those node-affinity rules, or keep fewer guests apart.`,
        );
      }
    }
    return out;
  },
};
