#!/usr/bin/env node
// Generates the TypeScript bindings for bpg/proxmox from the committed provider
// schema, offline. Runs on `npm ci` / `npm install` (prepare) and as `npm run gen`.
// The output (.gen/) is never edited by hand and never committed.
"use strict";
const fs = require("fs");
const path = require("path");

const PROVIDER_SOURCE = "bpg/proxmox";
const PROVIDER_VERSION = "0.111.1";
const FQPN = `registry.terraform.io/${PROVIDER_SOURCE}`;
const root = path.resolve(__dirname, "..");
const schemaPath = path.join(root, "providers", "bpg-proxmox", `${PROVIDER_VERSION}.schema.json`);
const outDir = path.join(root, ".gen");

async function main() {
  const { TerraformProviderGenerator, CodeMaker } = require("@cdktn/provider-generator");
  const { ConstructsMakerProviderTarget, TerraformProviderConstraint, LANGUAGES } = require("@cdktn/commons");

  const schema = JSON.parse(fs.readFileSync(schemaPath, "utf8"));
  if (!schema.provider_schemas || !schema.provider_schemas[FQPN]) {
    throw new Error(`${schemaPath} has no provider schema for ${FQPN}`);
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
    path.join(outDir, "providers", "proxmox", "VERSION.json"),
    JSON.stringify({ source: PROVIDER_SOURCE, version: PROVIDER_VERSION }, null, 2) + "\n",
  );
}

main().catch((err) => {
  process.stderr.write(`pvecdk: generating provider bindings failed: ${err && err.message ? err.message : err}\n`);
  process.exit(1);
});
