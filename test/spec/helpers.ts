import { stringify } from "yaml";
import { ClusterSpec } from "../../lib/model/spec-types";
import { loadSpecText } from "../../lib/spec/load";
import { SpecError } from "../../lib/spec/problems";
import { baseSpec } from "../fixtures/base-spec";

/** A mutable deep copy of the baseline spec, for tests that break one thing. */
export function mutableBase(): any {
  return JSON.parse(JSON.stringify(baseSpec()));
}

/** The baseline as YAML after `change`. */
export function yamlWith(change: (spec: any) => void): string {
  const spec = mutableBase();
  change(spec);
  return stringify(spec);
}

/** Loads text that must fail and returns the SpecError (fails the test otherwise). */
export function specError(text: string, file = "cluster.yaml"): SpecError {
  try {
    loadSpecText(text, file);
  } catch (err) {
    if (err instanceof SpecError) return err;
    throw err;
  }
  throw new Error("expected the spec to be rejected, but it loaded");
}

/** 1-based line of the first line containing `needle` (after line `after`). */
export function lineContaining(text: string, needle: string, after = 0): number {
  const lines = text.split("\n");
  for (let i = after; i < lines.length; i++) if (lines[i].includes(needle)) return i + 1;
  throw new Error(`no line contains ${JSON.stringify(needle)}`);
}

export type { ClusterSpec };
