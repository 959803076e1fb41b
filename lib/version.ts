import * as fs from "fs";
import * as path from "path";

// One source for the version: package.json, found by walking up from this file
// (it sits at a different depth in lib/ and in dist/lib/).
function readVersion(): string {
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    const candidate = path.join(dir, "package.json");
    if (fs.existsSync(candidate)) {
      const pkg = JSON.parse(fs.readFileSync(candidate, "utf8")) as { name?: string; version?: string };
      if (pkg.name === "pvecdk" && pkg.version) return pkg.version;
    }
    dir = path.dirname(dir);
  }
  return "0.0.0";
}

export const PVECDK_VERSION: string = readVersion();
