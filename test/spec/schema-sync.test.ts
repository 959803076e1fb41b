import * as path from "path";
import * as ts from "typescript";
import schemaJson from "../../schema/cluster.schema.json";

/**
 * spec-types.ts (what TypeScript users and the constructs see) and
 * cluster.schema.json (what YAML files are checked against) describe one
 * document. This test reads the TypeScript types with the compiler and walks
 * them next to the schema: every key, whether it is required, every enum.
 */

type Schema = { readonly [key: string]: unknown };
const schema = schemaJson as unknown as Schema;
const defs = schema.$defs as Record<string, Schema>;

function resolve(node: Schema): Schema {
  const ref = node.$ref;
  if (typeof ref !== "string") return node;
  const name = ref.replace("#/$defs/", "");
  return resolve({ ...defs[name], ...Object.fromEntries(Object.entries(node).filter(([k]) => k !== "$ref")) });
}

function specTypes(): { checker: ts.TypeChecker; root: ts.Type } {
  const file = path.join(__dirname, "../../lib/model/spec-types.ts");
  const program = ts.createProgram([file], { strict: true, target: ts.ScriptTarget.ES2022, noEmit: true });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  if (!source) throw new Error("spec-types.ts not found");
  let root: ts.Type | undefined;
  source.forEachChild((node) => {
    if (ts.isInterfaceDeclaration(node) && node.name.text === "ClusterSpec") root = checker.getTypeAtLocation(node);
  });
  if (!root) throw new Error("ClusterSpec not found in spec-types.ts");
  return { checker, root };
}

function compare(checker: ts.TypeChecker, type: ts.Type, node: Schema, at: string, out: string[]): void {
  const s = resolve(node);
  const members = type.isUnion() ? type.types.filter((t) => !(t.flags & ts.TypeFlags.Undefined)) : [type];

  if (members.every((t) => t.flags & ts.TypeFlags.BooleanLiteral)) {
    if (s.type !== "boolean") out.push(`${at}: TypeScript has boolean, the schema ${JSON.stringify(s.type)}`);
    return;
  }
  if (members.every((t) => t.isStringLiteral())) {
    const values = members.map((t) => (t as ts.StringLiteralType).value).sort();
    const allowed = (s.const !== undefined ? [s.const] : ((s.enum as string[] | undefined) ?? [])).map(String).sort();
    if (JSON.stringify(values) !== JSON.stringify(allowed)) out.push(`${at}: TypeScript allows ${values.join("|")}, the schema ${allowed.join("|") || "any value"}`);
    return;
  }
  if (members.length > 1) {
    // A discriminated union of object types: one oneOf branch per member, matched by `type`.
    const branches = (s.oneOf as Schema[] | undefined) ?? [];
    if (branches.length !== members.length) out.push(`${at}: ${members.length} TypeScript variants, ${branches.length} schema branches`);
    for (const member of members) {
      const tag = member.getProperty("type");
      const tagType = tag && checker.getTypeOfSymbol(tag);
      const value = tagType?.isStringLiteral() ? tagType.value : undefined;
      const branch = branches.find((b) => (b.properties as Record<string, Schema>)?.type?.const === value);
      if (!branch) out.push(`${at}: no schema branch for type "${value}"`);
      else compare(checker, member, branch, `${at}(${value})`, out);
    }
    return;
  }

  const t = members[0];
  if (t.flags & ts.TypeFlags.String) {
    if (s.type !== "string") out.push(`${at}: TypeScript has string, the schema ${JSON.stringify(s.type)}`);
    return;
  }
  if (t.flags & ts.TypeFlags.Number) {
    if (s.type !== "number" && s.type !== "integer") out.push(`${at}: TypeScript has number, the schema ${JSON.stringify(s.type)}`);
    return;
  }
  if (checker.isArrayType(t)) {
    if (s.type !== "array") {
      out.push(`${at}: TypeScript has a list, the schema ${JSON.stringify(s.type)}`);
      return;
    }
    const [item] = checker.getTypeArguments(t as ts.TypeReference);
    compare(checker, item, s.items as Schema, `${at}[]`, out);
    return;
  }
  const index = checker.getIndexInfoOfType(t, ts.IndexKind.String);
  if (index) {
    if (s.type !== "object" || typeof s.additionalProperties !== "object") out.push(`${at}: TypeScript has a record, the schema does not`);
    else compare(checker, index.type, s.additionalProperties as Schema, `${at}{}`, out);
    return;
  }
  if (t.flags & ts.TypeFlags.Object) {
    if (s.type !== "object" || s.additionalProperties !== false) out.push(`${at}: the schema must be a closed object (additionalProperties: false)`);
    const properties = (s.properties ?? {}) as Record<string, Schema>;
    const required = new Set((s.required as string[] | undefined) ?? []);
    const tsNames = t.getProperties().map((p) => p.name);
    for (const name of Object.keys(properties)) if (!tsNames.includes(name)) out.push(`${at}.${name}: in the schema, not in spec-types.ts`);
    for (const symbol of t.getProperties()) {
      const where = `${at}.${symbol.name}`;
      const property = properties[symbol.name];
      if (!property) {
        out.push(`${where}: in spec-types.ts, not in the schema`);
        continue;
      }
      const optional = (symbol.flags & ts.SymbolFlags.Optional) !== 0;
      if (optional === required.has(symbol.name)) out.push(`${where}: ${optional ? "optional" : "required"} in spec-types.ts, not in the schema`);
      compare(checker, checker.getTypeOfSymbol(symbol), property, where, out);
    }
    return;
  }
  out.push(`${at}: a TypeScript type this test does not know (${checker.typeToString(t)})`);
}

describe("spec-types.ts and schema/cluster.schema.json", () => {
  test("describe the same document: keys, required keys, types and enums", () => {
    const { checker, root } = specTypes();
    const differences: string[] = [];
    compare(checker, root, schema, "ClusterSpec", differences);
    expect(differences).toEqual([]);
  });

  test("every object in the schema is closed", () => {
    const open: string[] = [];
    const walk = (node: unknown, at: string) => {
      if (Array.isArray(node)) node.forEach((n, i) => walk(n, `${at}/${i}`));
      if (typeof node !== "object" || node === null) return;
      const s = node as Schema;
      // Maps keyed by names (addresses, node priorities) constrain their values instead.
      if (s.type === "object" && s.properties !== undefined && s.additionalProperties !== false) open.push(at);
      for (const [key, value] of Object.entries(s)) walk(value, `${at}/${key}`);
    };
    walk(schema, "#");
    expect(open).toEqual([]);
  });
});
