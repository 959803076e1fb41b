import { spawnSync } from "child_process";
import * as fc from "fast-check";
import { BootstrapInputError, shellCommand, shellQuote } from "../../lib/bootstrap";

/** What bash makes of `printf %s <word>`: the word after quote removal. */
function bashPrintf(words: readonly string[]): string {
  const r = spawnSync("bash", ["-c", words.map((w) => `printf '%s\\0' ${w}`).join("\n")], { encoding: "utf8" });
  expect(r.stderr).toBe("");
  return r.stdout;
}

describe("shellQuote", () => {
  const awkward = [
    "",
    "plain",
    "two words",
    "it's",
    "''",
    "'\\''",
    '"double"',
    "$HOME",
    "${HOME}",
    "$(reboot)",
    "`id`",
    "back\\slash",
    "new\nline",
    "tab\there",
    "*",
    "?",
    "[a]",
    "~root",
    "a=b",
    "-n",
    "semi;colon && pipe | amp &",
    "<redirect> >out",
    "#comment",
    "!bang",
    "{a,b}",
    "ünïcødé ✓",
  ];

  test("every awkward value comes back unchanged through bash", () => {
    expect(bashPrintf(awkward.map(shellQuote))).toBe(awkward.map((w) => w + "\0").join(""));
  });

  test("arbitrary strings round-trip through bash (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: "binary", minLength: 0, maxLength: 40 }).filter((s) => !s.includes("\0")), { maxLength: 8 }), (values) => {
        expect(bashPrintf(values.map(shellQuote))).toBe(values.map((w) => w + "\0").join(""));
      }),
      { numRuns: 60 },
    );
  });

  test("plain words stay bare, everything else is single-quoted", () => {
    expect(shellQuote("10.0.10.11,priority=20")).toBe("'10.0.10.11,priority=20'");
    expect(shellQuote("/dev/disk/by-id/nvme-a")).toBe("/dev/disk/by-id/nvme-a");
    expect(shellQuote("images,rootdir")).toBe("images,rootdir");
    expect(shellQuote("")).toBe("''");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
  });

  test("NUL cannot be carried by a shell word and is refused", () => {
    expect(() => shellQuote("a\0b")).toThrow(BootstrapInputError);
    expect(() => shellQuote("a\0b")).toThrow("shellQuote: a shell word cannot contain a NUL character");
  });

  test("shellCommand quotes each word separately", () => {
    expect(shellCommand("pvesm", "add", "rbd", "x", "--pool", "my pool")).toBe("pvesm add rbd x --pool 'my pool'");
    expect(bashPrintf([shellCommand("a b", "c'd", "$(e)")])).toBe("a b\0c'd\0$(e)\0");
  });
});
