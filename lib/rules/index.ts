import { Finding, Severity, isBlocking } from "../model/findings";
import { ClusterModel } from "../model/model";
import { Rule } from "./rule";
import { CLUSTER_RULES } from "./catalog-cluster";
import { COROSYNC_RULES } from "./catalog-corosync";
import { CEPH_RULES } from "./catalog-ceph";
import { GUEST_RULES } from "./catalog-guests";
import { acknowledgedRuleExists } from "./spec/acknowledged-rule-exists";

export type { Rule, RuleFinding } from "./rule";

/**
 * Every rule, in catalog order: sections A–C (nodes, corosync, quorum), D–F (Ceph),
 * then G–M (storage, guests, networks).
 */
export const ALL_RULES: readonly Rule[] = [
  ...COROSYNC_RULES,
  ...CLUSTER_RULES,
  ...CEPH_RULES,
  ...GUEST_RULES,
  acknowledgedRuleExists(() => ALL_RULES.map((r) => r.id)),
];

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/**
 * Runs the rules on a model and applies the spec's acknowledgements.
 * Output order is deterministic: severity, then path, then rule ID, then message.
 */
export function runRules(model: ClusterModel, rules: readonly Rule[] = ALL_RULES): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    for (const raw of rule.check(model)) {
      const ack = model.isAcknowledged(raw.rule);
      findings.push(ack ? { ...raw, acknowledged: ack } : raw);
    }
  }
  return findings.sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      compare(a.path, b.path) ||
      compare(a.rule, b.rule) ||
      compare(a.message, b.message),
  );
}

export function blockingFindings(findings: readonly Finding[]): Finding[] {
  return findings.filter(isBlocking);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
