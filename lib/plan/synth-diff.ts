import { LeafChange, compareStrings, diffAttributes } from "./attribute-diff";
import { ClusterSummary, SpecContext } from "./cluster-summary";
import { ChangeFacts, CloneRef, assessRisk } from "./consequences";
import { forceNewRuleFor } from "./force-new";
import { JsonObject, valueAt } from "./json";
import { isPathWithin, keyPath, renderPath } from "./paths";
import { reasonInWords } from "./reasons";
import { domainOf, labelOf, resourceKind } from "./resource-kinds";
import { attentionOrder } from "./review-plan";
import { AttributeChange, ChangeAction, PlanReview, ReviewedResource, emptyCounts } from "./review-model";
import { SynthOutput, SynthResource } from "./synth-output";

export interface DiffOptions {
  readonly spec?: SpecContext;
  readonly cluster?: ClusterSummary;
}

/**
 * Compares two synthesized outputs without Terraform. Added resources are
 * creates, missing ones deletes, changed ones updates — or replacements when
 * a changed attribute is one the provider cannot update in place
 * (force-new.ts). Data sources that appear or change are reads; data sources
 * that disappear destroy nothing and are not listed.
 */
export function diffSynthOutputs(base: SynthOutput, head: SynthOutput, options: DiffOptions = {}): PlanReview {
  const counts = emptyCounts();
  const resources: ReviewedResource[] = [];
  const addresses = new Set([...base.resources.keys(), ...head.resources.keys()]);
  const clones = collectClones(base, head);

  for (const address of [...addresses].sort(compareStrings)) {
    const before = base.resources.get(address);
    const after = head.resources.get(address);
    const reviewed = reviewPair(before, after, options, clones);
    if (reviewed === undefined) {
      if (before && after) counts["no-op"]++;
      continue;
    }
    counts[reviewed.action]++;
    resources.push(reviewed);
  }

  return {
    source: "synth-diff",
    inputs: [base.input, head.input],
    errored: false,
    incomplete: false,
    counts,
    resources,
    attention: attentionOrder(resources),
    drift: [],
    deferred: [],
    notes: [],
    cluster: options.cluster,
  };
}

function reviewPair(
  before: SynthResource | undefined,
  after: SynthResource | undefined,
  options: DiffOptions,
  clones: Map<string, CloneRef[]>,
): ReviewedResource | undefined {
  const subject = (after ?? before) as SynthResource;
  const beforeConfig: JsonObject = before?.config ?? {};
  const afterConfig: JsonObject = after?.config ?? {};
  let action: ChangeAction;
  let leaves: LeafChange[] = [];
  if (!before) action = subject.mode === "data" ? "read" : "create";
  else if (!after) {
    if (subject.mode === "data") return undefined;
    action = "delete";
  } else {
    leaves = diffAttributes(beforeConfig, afterConfig);
    if (leaves.length === 0) return undefined;
    action = subject.mode === "data" ? "read" : "update";
  }

  const replacePaths: string[] = [];
  const notes: string[] = [];
  const attributes: AttributeChange[] = leaves.map((leaf) => {
    const path = renderPath(leaf.path);
    const rule = action === "update" ? forceNewRuleFor(subject.type, keyPath(leaf.path), beforeConfig, afterConfig) : undefined;
    if (rule) {
      const forcing = rule.wholeBlock ? rule.pattern : path;
      if (!replacePaths.includes(forcing)) replacePaths.push(forcing);
      if (rule.note && !notes.includes(rule.note)) notes.push(rule.note);
    }
    return { path, before: leaf.before, after: leaf.after, forcesReplacement: rule !== undefined };
  });
  if (replacePaths.length > 0) action = "replace";
  const marked =
    replacePaths.length > 0
      ? attributes.map((a) => (a.forcesReplacement || !replacePaths.some((r) => isPathWithin(a.path, r)) ? a : { ...a, forcesReplacement: true }))
      : attributes;

  const kind = resourceKind(subject.type);
  const identity = action === "delete" ? beforeConfig : afterConfig;
  const facts: ChangeFacts = {
    address: subject.address,
    type: subject.type,
    kind,
    action,
    before: beforeConfig,
    after: afterConfig,
    attributes: marked,
    replacePaths,
    keepsOldObject: false,
    deposed: false,
  };
  const risk = subject.mode === "data" ? { consequences: [] } : assessRisk(facts, { spec: options.spec, clonesOf: (id) => clones.get(id) ?? [] });
  const reason = action === "replace" ? "replace_because_cannot_update" : action === "delete" ? "delete_because_no_resource_config" : undefined;
  const words = reasonInWords(reason, replacePaths);
  return {
    address: subject.address,
    type: subject.type,
    name: subject.name,
    mode: subject.mode,
    action,
    actions: action === "replace" ? ["delete", "create"] : [action],
    reason,
    reasonText: words && notes.length > 0 ? `${words} (${notes.join("; ")})` : words,
    importing: false,
    domain: domainOf(kind, subject.address, identity),
    label: labelOf(kind, identity, action === "update" || action === "replace" ? beforeConfig : undefined),
    attributes: marked,
    replacePaths,
    risk: risk.risk,
    consequences: risk.consequences,
  };
}

/** Template VMID → VMs cloned from it, as configured in either output. */
function collectClones(base: SynthOutput, head: SynthOutput): Map<string, CloneRef[]> {
  const clones = new Map<string, CloneRef[]>();
  const addresses = new Set([...base.resources.keys(), ...head.resources.keys()]);
  for (const address of [...addresses].sort(compareStrings)) {
    const b = base.resources.get(address);
    const h = head.resources.get(address);
    const r = (b ?? h) as SynthResource;
    if (resourceKind(r.type) !== "vm") continue;
    const source = valueAt(r.config, "clone", "vm_id") ?? valueAt(r.config, "clone", "source_vm_id");
    if (typeof source !== "number" && typeof source !== "string") continue;
    const ref: CloneRef = { address, linked: valueAt(r.config, "clone", "full") === false, alsoRemoved: h === undefined };
    const list = clones.get(String(source));
    if (list) list.push(ref);
    else clones.set(String(source), [ref]);
  }
  return clones;
}
