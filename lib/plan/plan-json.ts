import { isObject } from "./json";
import { parseTopLevel } from "./json-top-level";
import { PathSegment } from "./paths";

/**
 * The parts of `terraform show -json <planfile>` (Terraform ≥ 1.5, OpenTofu)
 * the review reads. Field names are Terraform's; everything else in the
 * document is ignored, as the format's compatibility promise asks.
 */
export interface PlanJson {
  readonly format_version: string;
  readonly terraform_version?: string;
  readonly resource_changes?: readonly ResourceChangeJson[];
  readonly resource_drift?: readonly ResourceChangeJson[];
  readonly deferred_changes?: readonly { readonly reason?: string; readonly resource_change?: ResourceChangeJson }[];
  readonly errored?: boolean;
  readonly applyable?: boolean;
  readonly complete?: boolean;
}

export interface ResourceChangeJson {
  readonly address: string;
  readonly previous_address?: string;
  readonly module_address?: string;
  readonly mode?: "managed" | "data";
  readonly type: string;
  readonly name: string;
  readonly index?: string | number;
  readonly provider_name?: string;
  readonly deposed?: string;
  readonly change: ChangeJson;
  readonly action_reason?: string;
}

export interface ChangeJson {
  readonly actions: readonly string[];
  readonly before?: unknown;
  readonly after?: unknown;
  readonly after_unknown?: unknown;
  readonly before_sensitive?: unknown;
  readonly after_sensitive?: unknown;
  readonly replace_paths?: readonly (readonly PathSegment[])[];
  readonly importing?: { readonly id?: string } | null;
}

/**
 * The input is not something pvecdk can read. The message says why and what to
 * do instead; `file`, when set, names the file (otherwise the caller adds it).
 */
export class PlanInputError extends Error {
  constructor(
    message: string,
    readonly file?: string,
  ) {
    super(message);
    this.name = "PlanInputError";
  }
}

const SHOW_JSON = "produce it with `terraform show -json <planfile> > plan.json`";

/** The top-level members the review reads; the others (planned_values, prior_state, configuration, …) are only checked for presence. */
const REVIEWED_KEYS: ReadonlySet<string> = new Set([
  "format_version",
  "terraform_version",
  "resource_changes",
  "resource_drift",
  "deferred_changes",
  "errored",
  "applyable",
  "complete",
]);

/** Parses and checks the text of a JSON plan. Throws PlanInputError with one clear sentence. */
export function parsePlanText(text: string): PlanJson {
  return parsePlanBytes(Buffer.from(text, "utf8"));
}

/**
 * Parses and checks a JSON plan from the file's bytes (UTF-8), decoding only the
 * members the review reads. Throws PlanInputError with one clear sentence.
 */
export function parsePlanBytes(bytes: Uint8Array): PlanJson {
  // A binary plan file is a zip archive.
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    throw new PlanInputError(`is a binary plan file, not its JSON form; ${SHOW_JSON}`);
  }
  let doc: unknown;
  try {
    doc = parseTopLevel(bytes, REVIEWED_KEYS);
  } catch {
    // Not an object, or broken somewhere: a full parse gives the precise message (or the non-object value).
    try {
      doc = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8"));
    } catch (err) {
      const detail = err instanceof Error ? err.message : String(err);
      throw new PlanInputError(`is not JSON (${detail}); ${SHOW_JSON}`);
    }
  }
  return checkPlan(doc);
}

export function checkPlan(doc: unknown): PlanJson {
  if (!isObject(doc)) {
    throw new PlanInputError(`is JSON but not a Terraform plan (expected an object with format_version and planned_values); ${SHOW_JSON}`);
  }
  if (doc.format_version === undefined && (isObject(doc.resource) || isObject(doc.terraform))) {
    throw new PlanInputError(
      "is Terraform configuration (like a synthesized cdk.tf.json), not a plan; run terraform plan and terraform show -json, or compare two synthesized outputs with `pvecdk diff <base> <head>`",
    );
  }
  if (typeof doc.format_version !== "string") {
    throw new PlanInputError(`is JSON but not a Terraform plan (no format_version); ${SHOW_JSON}`);
  }
  if (!/^1\.\d+$/.test(doc.format_version)) {
    throw new PlanInputError(
      `has plan format_version "${doc.format_version}", which pvecdk does not read (it reads 1.x, written by Terraform ≥ 1.5 and OpenTofu)`,
    );
  }
  if (doc.planned_values === undefined && doc.resource_changes === undefined) {
    if (doc.values !== undefined) throw new PlanInputError(`is a Terraform state, not a plan; ${SHOW_JSON}`);
    throw new PlanInputError(`is JSON but not a Terraform plan (no planned_values or resource_changes); ${SHOW_JSON}`);
  }
  for (const key of ["resource_changes", "resource_drift", "deferred_changes"] as const) {
    if (doc[key] !== undefined && !Array.isArray(doc[key])) {
      throw new PlanInputError(`is not a plan Terraform wrote: /${key} is not a list`);
    }
  }
  const changes = (doc.resource_changes ?? []) as unknown[];
  changes.forEach((rc, i) => checkResourceChange(rc, `/resource_changes/${i}`));
  return doc as unknown as PlanJson;
}

function checkResourceChange(rc: unknown, where: string): void {
  if (!isObject(rc)) throw new PlanInputError(`is not a plan Terraform wrote: ${where} is not an object`);
  for (const key of ["address", "type", "name"] as const) {
    if (typeof rc[key] !== "string") throw new PlanInputError(`is not a plan Terraform wrote: ${where}/${key} is missing`);
  }
  const change = rc.change;
  if (!isObject(change) || !Array.isArray(change.actions) || !change.actions.every((a) => typeof a === "string")) {
    throw new PlanInputError(`is not a plan Terraform wrote: ${where}/change/actions is missing`);
  }
  if (change.replace_paths !== undefined && !Array.isArray(change.replace_paths)) {
    throw new PlanInputError(`is not a plan Terraform wrote: ${where}/change/replace_paths is not a list`);
  }
}
