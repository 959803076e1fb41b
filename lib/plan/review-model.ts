import { Shown } from "./attribute-diff";
import { ClusterSummary } from "./cluster-summary";

/**
 * What happens to one resource. `replace` covers both orders Terraform knows
 * (delete then create, create then delete) and create-then-forget.
 */
export type ChangeAction = "create" | "update" | "replace" | "delete" | "no-op" | "read" | "forget";

/** Headline counters, in the order they are shown. `import` counts alongside the action it comes with. */
export const COUNTED_ACTIONS = ["create", "update", "replace", "delete", "no-op", "read", "forget", "import"] as const;
export type CountedAction = (typeof COUNTED_ACTIONS)[number];
export type ChangeCounts = Record<CountedAction, number>;

/** Review sections, in the order a cluster is built (architecture.md "Apply order"). */
export const DOMAINS = ["node-network", "cluster", "ceph", "storage", "images", "vms", "ha", "other"] as const;
export type Domain = (typeof DOMAINS)[number];

export const DOMAIN_TITLES: Record<Domain, string> = {
  "node-network": "Node network",
  cluster: "Cluster and corosync",
  ceph: "Ceph",
  storage: "Storage",
  images: "Images and templates",
  vms: "VMs and containers",
  ha: "High availability",
  other: "Other",
};

export interface AttributeChange {
  /** Rendered attribute path, e.g. `disk[0].size`. */
  readonly path: string;
  readonly before: Shown;
  readonly after: Shown;
  /** This attribute is (inside) one that forces the replacement. */
  readonly forcesReplacement: boolean;
}

/**
 * Why a change needs a reviewer's eye.
 * - destructive: something is destroyed or re-created (every delete and replace);
 * - disruptive: an in-place change that can interrupt service or cluster membership.
 */
export type RiskLevel = "destructive" | "disruptive";

export interface ReviewedResource {
  readonly address: string;
  readonly previousAddress?: string;
  readonly type: string;
  readonly name: string;
  readonly mode: "managed" | "data";
  readonly action: ChangeAction;
  /** Terraform's raw actions, e.g. ["delete", "create"]. */
  readonly actions: readonly string[];
  /** Terraform's `action_reason`, verbatim. */
  readonly reason?: string;
  /** `action_reason` in words. */
  readonly reasonText?: string;
  /** The change also imports an existing object. */
  readonly importing: boolean;
  /** Deposed object key: a leftover of an earlier, failed create-before-destroy. */
  readonly deposed?: string;
  readonly domain: Domain;
  /** Short identity in Proxmox terms, e.g. `VM 101 "web1" on pve1`. */
  readonly label?: string;
  /** Changed attributes (updates and replacements only). */
  readonly attributes: readonly AttributeChange[];
  /** Attributes that force the replacement, rendered. */
  readonly replacePaths: readonly string[];
  readonly risk?: RiskLevel;
  /** Plain-language consequences, most serious first. */
  readonly consequences: readonly string[];
}

export type ReviewSource = "plan" | "synth-diff";

export interface PlanReview {
  readonly source: ReviewSource;
  /** The input(s) as the user named them. */
  readonly inputs: readonly string[];
  readonly terraformVersion?: string;
  readonly formatVersion?: string;
  /** Terraform stopped with an error while planning: the plan cannot be applied. */
  readonly errored: boolean;
  /** Terraform says another plan/apply round is needed after this one. */
  readonly incomplete: boolean;
  readonly counts: ChangeCounts;
  /** Every resource with something to do (no-ops left out), sorted by address. */
  readonly resources: readonly ReviewedResource[];
  /** The resources with a risk: destructive first, then disruptive, each sorted by address. */
  readonly attention: readonly ReviewedResource[];
  /** Addresses changed outside Terraform since the last apply (`resource_drift`). */
  readonly drift: readonly string[];
  /** Changes Terraform deferred to a later round. */
  readonly deferred: readonly string[];
  /** Anything else the reader should know about how the review was made. */
  readonly notes: readonly string[];
  readonly cluster?: ClusterSummary;
}

export function emptyCounts(): ChangeCounts {
  return { create: 0, update: 0, replace: 0, delete: 0, "no-op": 0, read: 0, forget: 0, import: 0 };
}

/** True when the review destroys or replaces at least one resource. */
export function isDestructive(review: PlanReview): boolean {
  return review.counts.delete > 0 || review.counts.replace > 0;
}
