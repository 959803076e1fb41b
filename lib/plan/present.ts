import { Shown } from "./attribute-diff";
import { ClusterSummary } from "./cluster-summary";
import { Block, Inline, ListItem, Tone, code, em, prose, strong, toned } from "./doc";
import { FailOnResult } from "./fail-on";
import {
  AttributeChange,
  COUNTED_ACTIONS,
  CountedAction,
  DOMAINS,
  DOMAIN_TITLES,
  PlanReview,
  ReviewedResource,
  isDestructive,
} from "./review-model";

/** Sections longer than these are collapsed in Markdown (always open in the terminal). */
const COLLAPSE_AREA_ABOVE = 15;
const COLLAPSE_ATTRIBUTES_ABOVE = 8;
const COLLAPSE_ATTENTION_ABOVE = 50;
const COLLAPSE_NETWORK_ROWS_ABOVE = 8;
/** Longest value shown inline; the JSON format always carries the full value. */
const MAX_VALUE_LENGTH = 120;

export interface PresentOptions {
  readonly failOn?: FailOnResult;
}

/** The review as document blocks, most important first. */
export function presentReview(review: PlanReview, options: PresentOptions = {}): Block[] {
  const blocks: Block[] = [];
  blocks.push({ kind: "heading", level: 2, content: [review.source === "plan" ? "pvecdk plan review" : "pvecdk diff of synthesized output"] });
  blocks.push({ kind: "paragraph", content: headline(review) });
  blocks.push({ kind: "paragraph", content: [em(...sourceLine(review))] });

  if (review.errored) blocks.push({ kind: "callout", content: [toned("destructive", "⛔ ", strong("Terraform reported an error while planning."))] });
  blocks.push({ kind: "callout", content: verdict(review) });
  if (options.failOn && options.failOn.conditions.length > 0) blocks.push({ kind: "callout", content: gate(options.failOn) });
  if (review.cluster) blocks.push({ kind: "paragraph", content: findingsLine(review.cluster) });
  for (const note of review.notes) blocks.push({ kind: "paragraph", content: prose(note) });

  if (review.attention.length > 0) {
    const list: Block = { kind: "list", items: review.attention.map(attentionItem) };
    blocks.push({ kind: "heading", level: 3, content: [`⚠️ Needs attention (${review.attention.length})`] });
    blocks.push(review.attention.length > COLLAPSE_ATTENTION_ABOVE ? { kind: "details", summary: [`Show all ${review.attention.length}`], blocks: [list] } : list);
  }

  const areas = areaBlocks(review.resources);
  if (areas.length > 0) {
    blocks.push({ kind: "heading", level: 3, content: ["Changes by area"] });
    blocks.push(...areas);
  }

  if (review.drift.length > 0) {
    blocks.push({
      kind: "details",
      summary: [`Changed outside Terraform since the last apply (${review.drift.length})`],
      blocks: [{ kind: "list", items: review.drift.map((a) => ({ content: [code(a)] })) }],
    });
  }
  if (review.deferred.length > 0) {
    blocks.push({
      kind: "details",
      summary: [`Deferred to a later plan (${review.deferred.length})`],
      blocks: [{ kind: "list", items: review.deferred.map((a) => ({ content: [code(a)] })) }],
    });
  }
  if (review.cluster) blocks.push(...clusterBlocks(review.cluster));
  return blocks;
}

// ---- headline -----------------------------------------------------------------------------

const COUNT_WORDS: Record<CountedAction, string> = {
  create: "to create",
  update: "to update",
  replace: "to replace",
  delete: "to delete",
  "no-op": "unchanged",
  read: "to read",
  forget: "to forget",
  import: "to import",
};

function headline(review: PlanReview): Inline[] {
  const out: Inline[] = [];
  for (const action of COUNTED_ACTIONS) {
    const n = review.counts[action];
    const always = action === "create" || action === "update" || action === "replace" || action === "delete";
    if (n === 0 && !always) continue;
    if (out.length > 0) out.push(" · ");
    const number: Inline = action === "no-op" ? String(n) : strong(String(n));
    const tone = countTone(action, n);
    out.push(tone ? toned(tone, number, ` ${COUNT_WORDS[action]}`) : number, ...(tone ? [] : [` ${COUNT_WORDS[action]}`]));
  }
  return out;
}

function countTone(action: CountedAction, n: number): Tone | undefined {
  if (n === 0) return undefined;
  if (action === "delete" || action === "replace") return "destructive";
  if (action === "create") return "create";
  if (action === "update") return "update";
  return undefined;
}

function sourceLine(review: PlanReview): Inline[] {
  if (review.source === "plan") {
    const parts: Inline[] = ["Plan ", code(review.inputs[0] ?? "")];
    if (review.terraformVersion) parts.push(` · Terraform ${review.terraformVersion}`);
    if (review.formatVersion) parts.push(` · plan format ${review.formatVersion}`);
    return parts;
  }
  return [
    "Base ",
    code(review.inputs[0] ?? ""),
    " → head ",
    code(review.inputs[1] ?? ""),
    " · no Terraform plan: replacements are inferred from the bpg/proxmox 0.111.1 attributes that force one, and the real plan decides",
  ];
}

export function verdictText(review: PlanReview): string {
  const { delete: deleted, replace: replaced } = review.counts;
  if (deleted === 0 && replaced === 0) return "No resource is destroyed or replaced.";
  const parts: string[] = [];
  if (deleted > 0) parts.push(`${deleted} ${deleted === 1 ? "resource is" : "resources are"} destroyed`);
  if (replaced > 0) parts.push(`${replaced} ${replaced === 1 ? "resource is" : "resources are"} replaced`);
  return `${parts.join(" and ")}: read "Needs attention" before approving.`;
}

function verdict(review: PlanReview): Inline[] {
  if (review.resources.length === 0) {
    return [toned("ok", "✅ ", strong("No changes."), " ", verdictText(review))];
  }
  if (!isDestructive(review)) {
    const disruptive = review.attention.length;
    return [
      toned("ok", "✅ ", strong(verdictText(review))),
      ...(disruptive > 0 ? [` ${disruptive} in-place ${disruptive === 1 ? "change needs" : "changes need"} attention.`] : []),
    ];
  }
  return [toned("destructive", "⚠️ ", strong(verdictText(review)))];
}

function gate(result: FailOnResult): Inline[] {
  const flag = `--fail-on ${result.conditions.join(",")}`;
  if (!result.tripped) return [toned("ok", "Gate ", code(flag), ": passes.")];
  return [toned("destructive", "⛔ Gate ", code(flag), `: fails on ${result.matches.length} ${result.matches.length === 1 ? "change" : "changes"}.`)];
}

function findingsLine(cluster: ClusterSummary): Inline[] {
  const c = cluster.findingCounts;
  const parts = [`${c.error} ${c.error === 1 ? "error" : "errors"}`, `${c.warning} ${c.warning === 1 ? "warning" : "warnings"}`, `${c.info} info`];
  const tone: Tone | undefined = c.error > 0 ? "destructive" : c.warning > 0 ? "disruptive" : "ok";
  return ["Validator on ", code(cluster.specFile), ": ", toned(tone, parts.join(", ")), c.acknowledged > 0 ? ` (${c.acknowledged} acknowledged)` : "", ". Details under \"Cluster\"."];
}

// ---- resources ----------------------------------------------------------------------------

const ACTION_MARKS: Record<string, { mark: string; tone: Tone }> = {
  create: { mark: "🟢", tone: "create" },
  update: { mark: "🟡", tone: "update" },
  replace: { mark: "🔴", tone: "destructive" },
  delete: { mark: "🔴", tone: "destructive" },
  read: { mark: "🔵", tone: "muted" },
  forget: { mark: "⚪", tone: "muted" },
  "no-op": { mark: "⚪", tone: "muted" },
};

function actionWord(r: ReviewedResource): string {
  if (r.action === "replace") {
    if (r.actions[0] === "create" && r.actions[1] === "delete") return "replace (create before destroy)";
    if (r.actions.includes("forget")) return "replace (old object forgotten, not destroyed)";
    return "replace";
  }
  if (r.action === "no-op") return r.importing ? "import" : "move";
  if (r.action === "delete" && r.deposed) return "delete deposed object";
  return r.action;
}

function resourceLine(r: ReviewedResource): Inline[] {
  const { mark, tone } = ACTION_MARKS[r.action];
  const line: Inline[] = [toned(tone, `${mark} `, strong(actionWord(r))), " ", code(r.address)];
  if (r.label) line.push(` — ${r.label}`);
  const tags: Inline[][] = [];
  if (r.previousAddress) tags.push(["moved from ", code(r.previousAddress)]);
  if (r.importing && r.action !== "no-op") tags.push(["imported"]);
  if (r.action === "forget") tags.push(["Terraform stops managing it; the object itself stays"]);
  if (tags.length > 0) line.push(" (", ...joinInline(tags), ")");
  return line;
}

function attentionItem(r: ReviewedResource): ListItem {
  const children: ListItem[] = [];
  if (r.reasonText) children.push({ content: [strong("Why:"), " ", ...prose(sentence(r.reasonText))] });
  if (r.replacePaths.length > 0) {
    children.push({ content: [strong("Forces replacement:"), " ", ...joinInline(r.replacePaths.map((p) => forcingText(r, p)))] });
  }
  for (const consequence of r.consequences) children.push({ content: prose(consequence) });
  return { content: resourceLine(r), children: children.length > 0 ? [{ kind: "list", items: children }] : undefined };
}

/** `disk[0].file_id` (`"a"` → `"b"`) when the forcing attribute's change is known. */
function forcingText(r: ReviewedResource, path: string): Inline[] {
  const change = r.attributes.find((a) => a.path === path);
  return change ? [code(path), " (", ...valueInline(change.before), " → ", ...valueInline(change.after), ")"] : [code(path)];
}

function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

function joinInline(parts: Inline[][]): Inline[] {
  const out: Inline[] = [];
  parts.forEach((p, i) => {
    if (i > 0) out.push(", ");
    out.push(...p);
  });
  return out;
}

function areaBlocks(resources: readonly ReviewedResource[]): Block[] {
  const byDomain = new Map<string, ReviewedResource[]>();
  for (const r of resources) {
    const list = byDomain.get(r.domain);
    if (list) list.push(r);
    else byDomain.set(r.domain, [r]);
  }
  const blocks: Block[] = [];
  for (const domain of DOMAINS) {
    const list = byDomain.get(domain);
    if (!list) continue;
    const title = `${DOMAIN_TITLES[domain]} (${list.length})`;
    const items: Block = { kind: "list", items: list.map(changeItem) };
    if (list.length > COLLAPSE_AREA_ABOVE) {
      blocks.push({ kind: "details", summary: [strong(title), ` — ${actionBreakdown(list)}`], blocks: [items] });
    } else {
      blocks.push({ kind: "heading", level: 4, content: [title] });
      blocks.push(items);
    }
  }
  return blocks;
}

function actionBreakdown(list: readonly ReviewedResource[]): string {
  const counts = new Map<string, number>();
  for (const r of list) counts.set(r.action, (counts.get(r.action) ?? 0) + 1);
  return ["create", "update", "replace", "delete", "read", "forget", "no-op"]
    .filter((a) => counts.has(a))
    .map((a) => `${counts.get(a)} ${a === "no-op" ? "moved or imported" : a}`)
    .join(", ");
}

function changeItem(r: ReviewedResource): ListItem {
  if (r.attributes.length === 0) return { content: resourceLine(r) };
  const attributeList: Block = { kind: "list", items: r.attributes.map(attributeItem) };
  const child: Block =
    r.attributes.length > COLLAPSE_ATTRIBUTES_ABOVE
      ? { kind: "details", summary: [`${r.attributes.length} attributes change`], blocks: [attributeList] }
      : attributeList;
  return { content: resourceLine(r), children: [child] };
}

function attributeItem(a: AttributeChange): ListItem {
  const content: Inline[] = [code(a.path), ": ", ...valueInline(a.before), " → ", ...valueInline(a.after)];
  if (a.forcesReplacement) content.push(" ", toned("destructive", strong("forces replacement")));
  return { content };
}

export function valueText(shown: Shown): string {
  switch (shown.kind) {
    case "absent":
      return "(none)";
    case "sensitive":
      return "(sensitive value)";
    case "unknown":
      return "(known after apply)";
    case "value": {
      const text = JSON.stringify(shown.value) ?? "null";
      return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 1)}…` : text;
    }
  }
}

function valueInline(shown: Shown): Inline[] {
  return shown.kind === "value" ? [code(valueText(shown))] : [em(valueText(shown))];
}

// ---- cluster summary (--spec) ------------------------------------------------------------

const SEVERITY_MARK = { error: "E", warning: "W", info: "I" } as const;

function clusterBlocks(cluster: ClusterSummary): Block[] {
  const blocks: Block[] = [{ kind: "heading", level: 3, content: ["Cluster ", code(cluster.name), " (from ", code(cluster.specFile), ")"] }];
  const q = cluster.quorum;
  const nodeCount = cluster.nodes.length;
  blocks.push({
    kind: "paragraph",
    content: [
      strong("Quorum:"),
      ` ${nodeCount} ${nodeCount === 1 ? "node" : "nodes"} (${q.nodeVotes} ${q.nodeVotes === 1 ? "vote" : "votes"})`,
      q.qdevice ? ` + QDevice (${q.qdeviceVotes} ${q.qdeviceVotes === 1 ? "vote" : "votes"})` : "",
      ` → ${q.expectedVotes} expected, quorum ${q.quorum}: `,
      q.toleratedNodeFailures === 0
        ? toned("destructive", "the cluster cannot lose a node without losing quorum.")
        : `stays quorate with ${q.toleratedNodeFailures} ${q.toleratedNodeFailures === 1 ? "node" : "nodes"} down.`,
    ],
  });

  if (cluster.pools.length > 0) {
    blocks.push({
      kind: "table",
      header: [["Ceph pool"], ["size / min_size"], ["hosts with OSDs"], ["hosts that may fail"]],
      rows: cluster.pools.map((p) => [
        [code(p.pool)],
        [`${p.size} / ${p.minSize}`],
        [String(p.hostsWithOsds)],
        p.permanentlyDegraded
          ? [toned("destructive", `${p.hostFailuresTolerated} (size > hosts: never fully replicated)`)]
          : p.hostFailuresTolerated === 0
            ? [toned("disruptive", "0 (I/O stops when a host is down)")]
            : [String(p.hostFailuresTolerated)],
      ]),
    });
  }

  if (cluster.networks.length > 0) {
    const table: Block = {
      kind: "table",
      header: [["Role"], ["Network"], ["CIDR"], ...cluster.nodes.map((n) => [n])],
      rows: cluster.networks.map((row) => [
        [row.role],
        [code(row.network)],
        [code(row.cidr)],
        ...cluster.nodes.map((n) => {
          const address = row.addresses[n];
          return address ? [code(address)] : [em("—")];
        }),
      ]),
    };
    blocks.push(
      cluster.networks.length > COLLAPSE_NETWORK_ROWS_ABOVE
        ? { kind: "details", summary: [`Networks per role and node (${cluster.networks.length})`], blocks: [table] }
        : table,
    );
  }

  if (cluster.findings.length === 0) {
    blocks.push({ kind: "paragraph", content: [toned("ok", "Validator: no findings.")] });
  } else {
    const items: ListItem[] = cluster.findings.map((f) => {
      const tone: Tone = f.acknowledged ? "muted" : f.severity === "error" ? "destructive" : f.severity === "warning" ? "disruptive" : "muted";
      const content: Inline[] = [toned(tone, strong(`${SEVERITY_MARK[f.severity]} ${f.rule}`)), " ", code(f.path)];
      if (f.line !== undefined) content.push(` (${cluster.specFile}:${f.line})`);
      content.push(": ", ...prose(f.message));
      const children: ListItem[] = [{ content: [em("Fix:"), " ", ...prose(f.hint)] }];
      if (f.acknowledged) children.push({ content: [em("Acknowledged:"), " ", ...prose(f.acknowledged.reason)] });
      return { content, children: [{ kind: "list", items: children }] };
    });
    blocks.push({ kind: "heading", level: 4, content: [`Validator findings (${cluster.findings.length})`] });
    blocks.push({ kind: "list", items });
  }
  return blocks;
}
