import { ClusterModel } from "../../../lib/model/model";
import { ClusterBodySpec, ClusterSpec } from "../../../lib/model/spec-types";
import { Rule, RuleFinding } from "../../../lib/rules/rule";
import { baseSpec } from "../../fixtures/base-spec";

/** The spec types are deeply readonly; tests edit a fresh copy in place. */
export type Mutable<T> = T extends readonly (infer U)[]
  ? Mutable<U>[]
  : T extends object
    ? { -readonly [K in keyof T]: Mutable<T[K]> }
    : T;

export type Body = Mutable<ClusterBodySpec>;

/** The baseline spec after `mutate` has edited its body. */
export function specWith(mutate: (body: Body) => void): ClusterSpec {
  const spec = baseSpec() as Mutable<ClusterSpec>;
  mutate(spec.spec);
  return spec as ClusterSpec;
}

export function run(rule: Rule, spec: ClusterSpec = baseSpec()): RuleFinding[] {
  return rule.check(new ClusterModel(spec));
}

/** rule, severity and path of each finding: what the tests pin down exactly. */
export function where(findings: readonly RuleFinding[]): { rule: string; severity: string; path: string }[] {
  return findings.map(({ rule, severity, path }) => ({ rule, severity, path }));
}

/** Findings of one rule on the baseline changed by `mutate`, as rule/severity/path. */
export function findingsAfter(rule: Rule, mutate: (body: Body) => void): { rule: string; severity: string; path: string }[] {
  return where(run(rule, specWith(mutate)));
}

export const error = (rule: string, path: string) => ({ rule, severity: "error", path });
export const warning = (rule: string, path: string) => ({ rule, severity: "warning", path });
export const info = (rule: string, path: string) => ({ rule, severity: "info", path });
