import { spawnSync } from "child_process";
import { catalog } from "./catalog";

// shellcheck comes from Debian packages in CI. Locally a missing shellcheck
// skips these tests with a visible message; in CI it fails them.
function findShellcheck(): string | undefined {
  const r = spawnSync("shellcheck", ["--version"], { encoding: "utf8" });
  return r.status === 0 ? "shellcheck" : undefined;
}

const shellcheck = findShellcheck();
const scripts = catalog().map((s, i) => ({ name: `${s.step} (catalog #${i})`, script: s.script }));

if (shellcheck === undefined) {
  if (process.env.CI) {
    test("shellcheck is installed (required in CI)", () => {
      throw new Error("shellcheck is not on PATH; install the Debian package 'shellcheck'");
    });
  } else {
    // eslint-disable-next-line no-console
    console.warn("pvecdk: shellcheck is not installed; skipping the bootstrap shellcheck tests (CI runs them)");
    test.skip("every bootstrap script is shellcheck-clean (shellcheck not installed)", () => undefined);
  }
} else {
  describe("every generated bootstrap script is shellcheck-clean", () => {
    test.each(scripts)("$name", ({ script }) => {
      const r = spawnSync(shellcheck, ["-s", "bash", "-"], { input: script, encoding: "utf8" });
      expect(r.stdout + r.stderr).toBe("");
      expect(r.status).toBe(0);
    });
  });
}

describe("script shape", () => {
  test.each(scripts)("$name starts with the bash shebang and strict mode", ({ script }) => {
    const lines = script.split("\n");
    expect(lines[0]).toBe("#!/bin/bash");
    expect(lines.find((l) => l !== "" && !l.startsWith("#"))).toBe("set -eu -o pipefail");
    expect(script.endsWith("\n")).toBe(true);
  });

  test("generating the same step twice gives byte-identical text", () => {
    expect(catalog()).toEqual(catalog());
  });
});
