#!/usr/bin/env node
// Generates the TypeScript bindings for bpg/proxmox from the committed provider
// schema, offline. Runs on `npm ci` / `npm install` (prepare) and as `npm run gen`.
// The output (.gen/) is never edited by hand and never committed.
// `generateBindings(dir)` is exported so tests can generate into a scratch
// directory and prove the output is reproducible.
"use strict";
const fs = require("fs");
const path = require("path");

const PROVIDER_SOURCE = "bpg/proxmox";
const PROVIDER_VERSION = "0.111.1";
const FQPN = `registry.terraform.io/${PROVIDER_SOURCE}`;
const root = path.resolve(__dirname, "..");
const SCHEMA_PATH = path.join(root, "providers", "bpg-proxmox", `${PROVIDER_VERSION}.schema.json`);
const DEFAULT_OUT_DIR = path.join(root, ".gen");

/**
 * Writes the bindings to `<outDir>/providers/proxmox/`, replacing whatever was
 * there. Resolves to that provider directory.
 */
async function generateBindings(outDir = DEFAULT_OUT_DIR) {
  // Generation is offline. Loading @cdktn/commons runs `terraform version` and, when that
  // fails (no terraform on PATH), sends a crash report to HashiCorp's checkpoint service
  // unless CHECKPOINT_DISABLE is set.
  if (process.env.CHECKPOINT_DISABLE === undefined) process.env.CHECKPOINT_DISABLE = "1";
  const { TerraformProviderGenerator, CodeMaker } = require("@cdktn/provider-generator");
  const { ConstructsMakerProviderTarget, TerraformProviderConstraint, LANGUAGES } = require("@cdktn/commons");

  const schema = JSON.parse(fs.readFileSync(SCHEMA_PATH, "utf8"));
  if (!schema.provider_schemas || !schema.provider_schemas[FQPN]) {
    throw new Error(`${SCHEMA_PATH} has no provider schema for ${FQPN}`);
  }
  // The generator stamps this version into the provider class metadata.
  schema.provider_versions = { [FQPN]: PROVIDER_VERSION };

  const code = new CodeMaker();
  const generator = new TerraformProviderGenerator(code, schema);
  const constraint = new TerraformProviderConstraint(`${PROVIDER_SOURCE}@${PROVIDER_VERSION}`);
  generator.generate(new ConstructsMakerProviderTarget(constraint, LANGUAGES[0]));

  const target = path.join(outDir, "providers", "proxmox");
  fs.rmSync(target, { recursive: true, force: true });
  await generator.save(outDir);
  fs.writeFileSync(
    path.join(target, "VERSION.json"),
    JSON.stringify({ source: PROVIDER_SOURCE, version: PROVIDER_VERSION }, null, 2) + "\n",
  );
  return target;
}

module.exports = { generateBindings, SCHEMA_PATH, DEFAULT_OUT_DIR, PROVIDER_SOURCE, PROVIDER_VERSION };

if (require.main === module) {
  generateBindings().catch((err) => {
    process.stderr.write(`pvecdk: generating provider bindings failed: ${err && err.message ? err.message : err}\n`);
    process.exit(1);
  });
}
