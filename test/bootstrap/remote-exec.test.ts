import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { BootstrapScript, escapeTerraformTemplate, remoteExecInline } from "../../lib/bootstrap";
import { catalog } from "./catalog";

describe("escapeTerraformTemplate", () => {
  test("turns interpolation and directive openers into their literal forms", () => {
    expect(escapeTerraformTemplate('x=${PVECDK_ROOT:-} %{if} $HOME $$ %s "${a}${b}"')).toBe('x=$${PVECDK_ROOT:-} %%{if} $HOME $$ %s "$${a}$${b}"');
  });

  test("text without openers is unchanged", () => {
    expect(escapeTerraformTemplate("pvecm create lab --link0 10.0.10.11")).toBe("pvecm create lab --link0 10.0.10.11");
  });
});

describe("remoteExecInline", () => {
  test("gives one line per script line, the shebang first, bash expansions escaped", () => {
    const s = catalog()[0];
    const lines = remoteExecInline(s);
    expect(lines[0]).toBe("#!/bin/bash");
    expect(lines).toHaveLength(s.script.split("\n").length - 1);
    expect(lines).toContain("root=$${PVECDK_ROOT:-}");
    expect(lines.join("\n")).not.toMatch(/(^|[^$])\$\{/);
  });

  test("refuses a script without the bash shebang", () => {
    const s: BootstrapScript = { step: "broken", script: "echo hi\n" };
    expect(() => remoteExecInline(s)).toThrow('remoteExecInline: script of step "broken" does not start with #!/bin/bash');
  });
});

// The real check: Terraform itself reads the lines as templates (as it does in
// cdk.tf.json) and must hand back exactly the script text.
const terraformFound = spawnSync("terraform", ["version"], { encoding: "utf8" }).status === 0;

(terraformFound ? test : test.skip)(
  `Terraform turns the inline lines of every script back into the exact script text${terraformFound ? "" : " (terraform not installed: skipped)"}`,
  () => {
    const scripts = catalog();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pvecdk-tf-"));
    try {
      const config = {
        locals: Object.fromEntries(scripts.map((s, i) => [`s${i}`, remoteExecInline(s)])),
        output: { scripts: { value: `\${[${scripts.map((_, i) => `local.s${i}`).join(", ")}]}` } },
      };
      fs.writeFileSync(path.join(dir, "main.tf.json"), JSON.stringify(config));
      fs.writeFileSync(path.join(dir, "empty.tfrc"), "");
      const env = { ...process.env, TF_CLI_CONFIG_FILE: path.join(dir, "empty.tfrc"), CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1" };
      const apply = spawnSync("terraform", ["apply", "-auto-approve", "-input=false", "-no-color"], { cwd: dir, env, encoding: "utf8" });
      expect(apply.stderr).toBe("");
      const out = spawnSync("terraform", ["output", "-json", "scripts"], { cwd: dir, env, encoding: "utf8" });
      const evaluated = JSON.parse(out.stdout) as string[][];
      expect(evaluated.map((lines) => lines.join("\n") + "\n")).toEqual(scripts.map((s) => s.script));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
);

if (!terraformFound) {
  // eslint-disable-next-line no-console
  console.warn("pvecdk: terraform is not installed; skipping the remote-exec template round trip");
}
