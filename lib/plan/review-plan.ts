import { LeafChange, compareStrings, diffAttributes } from "./attribute-diff";
import { ClusterSummary, SpecContext } from "./cluster-summary";
import { ChangeFacts, CloneRef, RiskAssessment, assessRisk } from "./consequences";
import { JsonObject, asObject, stringAt, valueAt } from "./json";
import { isPathWithin, renderPath } from "./paths";
import { PlanJson, ResourceChangeJson } from "./plan-json";
import { reasonInWords } from "./reasons";
import { domainOf, labelOf, resourceKind } from "./resource-kinds";
import { AttributeChange, ChangeAction, PlanReview, ReviewedResource, emptyCounts } from "./review-model";

export interface ReviewOptions {
  /** The plan file as the user named it (shown in the review). */
  readonly input: string;
  readonly spec?: SpecContext;
  readonly cluster?: ClusterSummary;
}

/** Terraform's action list → one action word, plus whether the old object survives (create-then-forget). */
export function actionOf(actions: readonly string[]): { action: ChangeAction; keepsOldObject: boolean } {
  const key = actions.join(",");
  switch (key) {
    case "no-op":
    case "create":
    case "read":
    case "update":
    case "delete":
    case "forget":
      return { action: key, keepsOldObject: false };
    case "delete,create":
    case "create,delete":
      return { action: "replace", keepsOldObject: false };
    case "create,forget":
    case "forget,create":
      return { action: "replace", keepsOldObject: true };
    default:
      // A future combination: the safest reading is the most destructive one it mentions.
      if (actions.includes("delete")) return { action: actions.includes("create") ? "replace" : "delete", keepsOldObject: false };
      return { action: actions.includes("create") ? "create" : "update", keepsOldObject: false };
  }
}

/** Builds the format-independent review of a plan. Linear in the size of the plan (plus sorting). */
export function reviewPlan(plan: PlanJson, options: ReviewOptions): PlanReview {
  const changes = plan.resource_changes ?? [];
  const counts = emptyCounts();
  const clones = collectClones(changes);
  const moved = movedOutsideTerraform(plan.resource_drift ?? []);
  const resources: ReviewedResource[] = [];

  for (const rc of changes) {
    const { action, keepsOldObject } = actionOf(rc.change.actions);
    counts[action]++;
    const importing = rc.change.importing !== undefined && rc.change.importing !== null;
    if (importing) counts.import++;
    if (action === "no-op" && !importing && rc.previous_address === undefined) continue;
    resources.push(reviewResource(rc, action, keepsOldObject, importing, options, clones, moved));
  }

  resources.sort((a, b) => compareStrings(a.address, b.address) || compareStrings(a.deposed ?? "", b.deposed ?? ""));
  const notes: string[] = [];
  const errored = plan.errored === true;
  const incomplete = !errored && plan.complete === false;
  if (errored) {
    notes.push(
      "Terraform stopped with an error (for example `prevent_destroy` on a resource the plan would destroy), so this plan cannot be applied. Below is what it had planned before the error; the error itself is in the plan log.",
    );
  } else if (incomplete) {
    notes.push("Terraform marked this plan incomplete: after applying it, another plan and apply are needed to finish.");
  }

  return {
    source: "plan",
    inputs: [options.input],
    terraformVersion: plan.terraform_version,
    formatVersion: plan.format_version,
    errored,
    incomplete,
    counts,
    resources,
    attention: attentionOrder(resources),
    drift: (plan.resource_drift ?? []).map((d) => d.address).sort(compareStrings),
    deferred: (plan.deferred_changes ?? [])
      .map((d) => d.resource_change?.address)
      .filter((a): a is string => typeof a === "string")
      .sort(compareStrings),
    notes,
    cluster: options.cluster,
  };
}

function reviewResource(
  rc: ResourceChangeJson,
  action: ChangeAction,
  keepsOldObject: boolean,
  importing: boolean,
  options: ReviewOptions,
  clones: Map<string, CloneRef[]>,
  moved: Map<string, { from: string; to: string }>,
): ReviewedResource {
  const before = asObject(rc.change.before);
  const after = asObject(rc.change.after);
  const replacePaths = (rc.change.replace_paths ?? []).map((p) => renderPath(p));
  const showsAttributes = action === "update" || action === "replace" || (action === "no-op" && importing);
  const attributes = showsAttributes ? attributeChanges(rc, action, replacePaths) : [];

  const kind = resourceKind(rc.type);
  const identity = action === "delete" || action === "forget" || Object.keys(after).length === 0 ? before : after;
  const facts: ChangeFacts = {
    address: rc.address,
    type: rc.type,
    kind,
    action,
    before,
    after,
    attributes,
    replacePaths,
    keepsOldObject,
    deposed: rc.deposed !== undefined,
  };
  const assessed: RiskAssessment =
    rc.mode === "data" ? { consequences: [] } : assessRisk(facts, { spec: options.spec, clonesOf: (id) => clones.get(id) ?? [] });
  const risk = withDriftNote(assessed, facts, moved.get(rc.address));
  return {
    address: rc.address,
    previousAddress: rc.previous_address,
    type: rc.type,
    name: rc.name,
    mode: rc.mode === "data" ? "data" : "managed",
    action,
    actions: rc.change.actions,
    reason: rc.action_reason,
    reasonText: reasonInWords(rc.action_reason, replacePaths),
    importing,
    deposed: rc.deposed,
    domain: domainOf(kind, rc.address, identity),
    label: labelOf(kind, identity, action === "update" || action === "replace" ? before : undefined),
    attributes,
    replacePaths,
    risk: risk.risk,
    consequences: risk.consequences,
  };
}

function attributeChanges(rc: ResourceChangeJson, action: ChangeAction, replacePaths: readonly string[]): AttributeChange[] {
  const leaves = diffAttributes(rc.change.before, rc.change.after, {
    beforeSensitive: rc.change.before_sensitive,
    afterSensitive: rc.change.after_sensitive,
    afterUnknown: rc.change.after_unknown,
  });
  const out: AttributeChange[] = [];
  for (const leaf of leaves) {
    if (isDerivedNoise(rc.type, action, leaf)) continue;
    const path = renderPath(leaf.path);
    const forcesReplacement = replacePaths.some((r) => isPathWithin(path, r) || isPathWithin(r, path));
    out.push({ path, before: leaf.before, after: leaf.after, forcesReplacement });
  }
  return out;
}

/** A guest HA (or someone) moved, which this plan moves again: say so, it explains the node change (H8). */
function withDriftNote(assessed: RiskAssessment, f: ChangeFacts, drifted: { from: string; to: string } | undefined): RiskAssessment {
  const newNode = stringAt(f.after, "node_name");
  if (!drifted || (f.kind !== "vm" && f.kind !== "container") || newNode === undefined || newNode === drifted.to) return assessed;
  return {
    risk: assessed.risk ?? "disruptive",
    consequences: [
      ...assessed.consequences,
      `It was moved from ${drifted.from} to ${drifted.to} outside Terraform (by the HA manager, if it is HA-managed: then \`node_name\` is only a preference, H8); this plan moves it to ${newNode}.`,
    ],
  };
}

/** Guests whose node changed outside Terraform since the last apply (`resource_drift`). */
function movedOutsideTerraform(drift: readonly ResourceChangeJson[]): Map<string, { from: string; to: string }> {
  const moved = new Map<string, { from: string; to: string }>();
  for (const d of drift) {
    const from = stringAt(asObject(d.change.before), "node_name");
    const to = stringAt(asObject(d.change.after), "node_name");
    if (from !== undefined && to !== undefined && from !== to) moved.set(d.address, { from, to });
  }
  return moved;
}

/**
 * Leaves that only restate the change itself: a replaced object's new `id`, and
 * terraform_data's `output` (a copy of `input` that is recomputed whenever it changes).
 */
function isDerivedNoise(type: string, action: ChangeAction, leaf: LeafChange): boolean {
  if (leaf.after.kind !== "unknown" || leaf.path.length !== 1) return false;
  if (type === "terraform_data" && leaf.path[0] === "output") return true;
  return action === "replace" && leaf.path[0] === "id";
}

/** Template VMID → VMs in the plan cloned from it (any action, no-ops included). */
function collectClones(changes: readonly ResourceChangeJson[]): Map<string, CloneRef[]> {
  const clones = new Map<string, CloneRef[]>();
  for (const rc of changes) {
    if (resourceKind(rc.type) !== "vm") continue;
    const values: JsonObject = asObject(rc.change.before ?? rc.change.after);
    const source = valueAt(values, "clone", "vm_id") ?? valueAt(values, "clone", "source_vm_id");
    if (typeof source !== "number" && typeof source !== "string") continue;
    const { action } = actionOf(rc.change.actions);
    const ref: CloneRef = {
      address: rc.address,
      linked: valueAt(values, "clone", "full") === false,
      alsoRemoved: action === "delete" || action === "replace",
    };
    const key = String(source);
    const list = clones.get(key);
    if (list) list.push(ref);
    else clones.set(key, [ref]);
  }
  for (const list of clones.values()) list.sort((a, b) => compareStrings(a.address, b.address));
  return clones;
}

/** Destructive first, then disruptive; by address within each. */
export function attentionOrder(resources: readonly ReviewedResource[]): ReviewedResource[] {
  const destructive = resources.filter((r) => r.risk === "destructive");
  const disruptive = resources.filter((r) => r.risk === "disruptive");
  return [...destructive, ...disruptive];
}
