import { Block, code, prose } from "../../lib/plan/doc";
import { presentReview } from "../../lib/plan/present";
import { codeSpan, escapeMd, renderMarkdown } from "../../lib/plan/render-markdown";
import { renderText } from "../../lib/plan/render-text";
import { reviewPlan } from "../../lib/plan/review-plan";
import { checkPlan } from "../../lib/plan/plan-json";
import { generatePlan } from "../fixtures/plans/generate";

describe("Markdown rendering", () => {
  it("escapes text so values from the plan cannot inject markup into the PR comment", () => {
    expect(escapeMd("<img src=x onerror=alert(1)> *bold* [link](x) | pipe")).toBe(
      "\\<img src=x onerror=alert(1)\\> \\*bold\\* \\[link\\](x) \\| pipe",
    );
  });

  it("keeps code spans intact when the value holds backticks", () => {
    expect(codeSpan("plain")).toBe("`plain`");
    expect(codeSpan("a`b")).toBe("``a`b``");
    expect(codeSpan("`edge`")).toBe("`` `edge` ``");
  });

  it("renders a VM name full of markup as inert text", () => {
    const plan = checkPlan({
      format_version: "1.2",
      planned_values: {},
      resource_changes: [
        {
          address: "proxmox_virtual_environment_vm.x",
          type: "proxmox_virtual_environment_vm",
          name: "x",
          change: { actions: ["delete"], before: { vm_id: 1, name: "</details><script>alert(1)</script>", node_name: "pve1" }, after: null },
        },
      ],
    });
    const markdown = renderMarkdown(presentReview(reviewPlan(plan, { input: "plan.json" })));
    expect(markdown).not.toContain("<script>");
    expect(markdown).toContain("\\<script\\>");
  });

  it("collapses long sections in <details> and leaves them open in the terminal", () => {
    const review = reviewPlan(checkPlan(generatePlan(40)), { input: "plan.json" });
    const markdown = renderMarkdown(presentReview(review));
    expect(markdown).toMatch(/<details><summary><b>VMs and containers \(\d+\)<\/b> — \d+ create, \d+ update, \d+ replace<\/summary>/);
    const text = renderText(presentReview(review), false);
    expect(text).not.toContain("<details>");
    expect(text).toContain("VMs and containers (");
  });

  it("collapses a resource's attributes when more than eight change", () => {
    const before: Record<string, number> = {};
    const after: Record<string, number> = {};
    for (let i = 0; i < 10; i++) {
      before[`a${i}`] = i;
      after[`a${i}`] = i + 1;
    }
    const plan = checkPlan({
      format_version: "1.2",
      planned_values: {},
      resource_changes: [{ address: "x.y", type: "x", name: "y", change: { actions: ["update"], before, after } }],
    });
    const markdown = renderMarkdown(presentReview(reviewPlan(plan, { input: "plan.json" })));
    expect(markdown).toContain("- 🟡 **update** `x.y`\n  <details><summary>10 attributes change</summary>\n\n  - `a0`: `0` → `1`\n");
    expect(markdown).toContain("  - `a9`: `9` → `10`\n\n  </details>\n");
  });

  it("turns `backticks` in prose into code", () => {
    const blocks: Block[] = [{ kind: "paragraph", content: prose("run `pvecm delnode` first") }];
    expect(renderMarkdown(blocks)).toBe("run `pvecm delnode` first\n");
    expect(renderText([{ kind: "paragraph", content: [code("x")] }], false)).toBe("x\n");
  });
});

describe("the synthetic plan generator (for the benchmark)", () => {
  it("produces a valid plan of exactly N changes that reviews without error", () => {
    const plan = checkPlan(generatePlan(200));
    const review = reviewPlan(plan, { input: "generated.json" });
    const counted = review.counts.create + review.counts.update + review.counts.replace + review.counts.delete;
    expect(counted).toBe(200);
    expect(review.counts.replace).toBeGreaterThan(0);
    expect(review.counts.delete).toBeGreaterThan(0);
    // Generated passwords are sensitive and must never reach the output.
    expect(renderMarkdown(presentReview(review))).not.toMatch(/secret-\d+/);
  });

  it("is deterministic", () => {
    expect(JSON.stringify(generatePlan(50))).toBe(JSON.stringify(generatePlan(50)));
  });
});

describe("terminal rendering", () => {
  it("neutralises control characters from the plan (no escape sequences reach the terminal)", () => {
    expect(renderText([{ kind: "paragraph", content: ["vm\u001b[2Jname"] }], false)).toBe("vm?[2Jname\n");
  });
});
