import { CONDITION, CONNECTION, PROVISIONERS } from "./builtin-schemas";
import { childPath, closestName, indexPath } from "./json-path";
import {
  AttributeSchema,
  BlockSchema,
  NestedAttributeType,
  NestedBlockSchema,
  ProviderSchemaIndex,
  indexBlock,
} from "./provider-schema";
import { TfType, describeJson, isBoolString, isExpression, isNumberString, typeName } from "./types";

export type ProblemSeverity = "error" | "warning";

/** One way a Terraform JSON configuration does not conform to the provider schema. */
export interface Problem {
  /** Where, as a JSON path into the configuration: `resource.proxmox_virtual_environment_vm.web.cpu.cores`. */
  readonly path: string;
  readonly message: string;
  /** Errors make Terraform (or the provider) reject the configuration; warnings (deprecations, literal secrets) do not. */
  readonly severity: ProblemSeverity;
}

export interface ConformanceReport {
  /** In the configuration's key order (providers first), then unresolved references (depends_on, provider aliases). */
  readonly problems: readonly Problem[];
  /** Managed resource blocks (`resource`), counted before expansion by count/for_each. */
  readonly resources: number;
  /** Data source blocks (`data`). */
  readonly dataSources: number;
}

/**
 * Checks a Terraform JSON configuration (a parsed `cdk.tf.json`) against a
 * provider schema and Terraform's own rules for resource and data blocks.
 * See docs/check.md for what is checked and which value conversions count as valid.
 */
export function checkTerraformJson(config: unknown, schema: ProviderSchemaIndex): Problem[] {
  return [...checkTerraformConfig(config, schema).problems];
}

/** Like checkTerraformJson, also counting the resources and data sources it saw. */
export function checkTerraformConfig(config: unknown, schema: ProviderSchemaIndex): ConformanceReport {
  const checker = new ConformanceChecker(schema);
  checker.run(config);
  return { problems: checker.problems, resources: checker.resources, dataSources: checker.dataSources };
}

/** True when any problem is an error (warnings alone pass). */
export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === "error");
}

type JsonObject = { [key: string]: unknown };
type KeyHandler = (key: string, value: unknown, path: string) => boolean;

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isTemplate(value: unknown): boolean {
  return typeof value === "string" && isExpression(value);
}

function quoted(names: readonly string[]): string {
  return names.map((n) => JSON.stringify(n)).join(", ");
}

function withArticle(text: string): string {
  return /^[aeiou]/.test(text) ? `an ${text}` : `a ${text}`;
}

function didYouMean(name: string, candidates: Iterable<string>): string {
  const close = closestName(name, candidates);
  return close ? `; did you mean "${close}"?` : "";
}

/** Top-level keys of a Terraform JSON file; only resource, data, provider and terraform are checked in depth. */
const TOP_LEVEL_KEYS: ReadonlySet<string> = new Set([
  "//",
  "terraform",
  "provider",
  "resource",
  "data",
  "output",
  "variable",
  "locals",
  "module",
  "moved",
  "import",
  "removed",
  "check",
]);

/** Root objects a depends_on reference may name besides resources, which this checker does not track. */
const NON_RESOURCE_ROOTS: ReadonlySet<string> = new Set(["module", "var", "local", "each", "count", "path", "terraform", "self"]);

/** A static reference as Terraform accepts in depends_on: `type.name`, `data.type.name[0]`, `module.m`. */
const STATIC_REFERENCE = /^[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*|\[(?:\d+|"[^"]*")\])*$/;

const LIFECYCLE_MANAGED_ONLY: ReadonlySet<string> = new Set([
  "create_before_destroy",
  "prevent_destroy",
  "ignore_changes",
  "replace_triggered_by",
]);
const LIFECYCLE_KEYS = [...LIFECYCLE_MANAGED_ONLY, "precondition", "postcondition"];

const EMPTY_SET: ReadonlySet<string> = new Set();

const PROVISIONER_SCHEMAS: ReadonlyMap<string, BlockSchema> = new Map(
  Object.entries(PROVISIONERS).map(([name, raw]) => [name, indexBlock(raw, `provisioner.${name}`)]),
);
const CONNECTION_SCHEMA = indexBlock(CONNECTION, "connection");
const CONDITION_SCHEMA = indexBlock(CONDITION, "lifecycle.condition");

/** Block schemas standing in for list-of-object attributes written as dynamic blocks (Terraform's legacy-SDK fix-up). */
const attributeBlockCache = new WeakMap<TfType, BlockSchema>();

function blockForObjectType(type: Extract<TfType, { kind: "object" }>): BlockSchema {
  let block = attributeBlockCache.get(type);
  if (!block) {
    const attributes = new Map<string, AttributeSchema>();
    for (const [name, t] of type.attributes) {
      // Written as a block, every key of the object becomes optional.
      attributes.set(name, { required: false, optional: true, computed: false, deprecated: false, sensitive: false, type: t });
    }
    block = { attributes, blocks: new Map(), deprecated: false, requiredAttributes: [], requiredBlocks: [], attributesAsBlocks: true };
    attributeBlockCache.set(type, block);
  }
  return block;
}

class ConformanceChecker {
  readonly problems: Problem[] = [];
  resources = 0;
  dataSources = 0;
  /** `type.name` and `data.type.name` of every block seen, to resolve depends_on. */
  private readonly declared = new Set<string>();
  private readonly dependsOn: { path: string; reference: string; address: string }[] = [];
  /** Aliases of the provider's configurations; "" stands for the default (unaliased) one. */
  private readonly providerAliases = new Set<string>();
  private readonly providerReferences: { path: string; alias: string }[] = [];

  constructor(private readonly schema: ProviderSchemaIndex) {}

  run(config: unknown): void {
    if (!isObject(config)) {
      this.error("", `a Terraform JSON configuration is a JSON object, not ${describeJson(config)}`);
      return;
    }
    // Providers first, so resources can be matched against the declared aliases.
    if (config.provider !== undefined) this.checkProviders(config.provider, "provider");
    for (const key of Object.keys(config)) {
      const value = config[key];
      switch (key) {
        case "resource":
          this.checkResources(value, key, "managed");
          break;
        case "data":
          this.checkResources(value, key, "data");
          break;
        case "terraform":
          this.checkTerraformSettings(value, key);
          break;
        default:
          if (!TOP_LEVEL_KEYS.has(key)) {
            this.error(childPath("", key), `"${key}" is not a Terraform top-level block${didYouMean(key, TOP_LEVEL_KEYS)}`);
          }
      }
    }
    this.resolveReferences();
  }

  private error(path: string, message: string): void {
    this.problems.push({ path, message, severity: "error" });
  }

  private warning(path: string, message: string): void {
    this.problems.push({ path, message, severity: "warning" });
  }

  /** Visits `{label: value}` pairs of a label level, given as an object or (HCL JSON allows it) a list of objects. */
  private forEachLabel(value: unknown, path: string, visit: (label: string, value: unknown, path: string) => void): void {
    const visitObject = (object: JsonObject, objectPath: string) => {
      for (const label of Object.keys(object)) {
        if (label !== "//") visit(label, object[label], childPath(objectPath, label));
      }
    };
    if (isObject(value)) visitObject(value, path);
    else if (Array.isArray(value)) {
      value.forEach((item, i) => {
        if (isObject(item)) visitObject(item, indexPath(path, i));
        else this.error(indexPath(path, i), `expected an object, got ${describeJson(item)}`);
      });
    } else this.error(path, `expected an object, got ${describeJson(value)}`);
  }

  /** Visits the block bodies a value declares: one object, or a list of objects (one block each). */
  private forEachBody(value: unknown, path: string, visit: (body: JsonObject, path: string) => void): number {
    if (isObject(value)) {
      visit(value, path);
      return 1;
    }
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        if (isObject(item)) visit(item, indexPath(path, i));
        else this.blockBodyError(item, indexPath(path, i));
      });
      return value.length;
    }
    if (value !== null) this.blockBodyError(value, path);
    return 0;
  }

  private blockBodyError(value: unknown, path: string): void {
    if (isTemplate(value)) {
      this.error(path, `a block cannot be given as an expression; generate repeated blocks with a "dynamic" block`);
    } else {
      this.error(path, `expected a block (a JSON object, or a list of objects), got ${describeJson(value)}`);
    }
  }

  // ---------------------------------------------------------------- providers

  private checkProviders(value: unknown, path: string): void {
    this.forEachLabel(value, path, (name, configs, namePath) => {
      // Only the schema's provider can be checked; others pass untouched.
      if (name !== this.schema.providerName) return;
      this.forEachBody(configs, namePath, (body, bodyPath) => this.checkProviderBody(body, bodyPath));
    });
  }

  private checkProviderBody(body: JsonObject, path: string): void {
    const alias = body.alias;
    const key = typeof alias === "string" ? alias : "";
    if (this.providerAliases.has(key)) {
      this.error(
        path,
        key === ""
          ? `a second ${this.schema.providerName} provider configuration without an alias; give each extra configuration an "alias"`
          : `duplicate ${this.schema.providerName} provider alias "${key}"`,
      );
    }
    this.providerAliases.add(key);
    this.checkBody(body, this.schema.provider, path, `provider ${this.schema.providerName}`, (k, v, p) => {
      if (k === "alias") {
        if (typeof v !== "string" || isExpression(v) || !/^[A-Za-z_][\w-]*$/.test(v)) {
          this.error(p, `"alias" must be a plain name such as "pve1", got ${describeJson(v)}`);
        }
        return true;
      }
      if (k === "version") {
        this.warning(p, `"version" in a provider block is deprecated; constrain the version in terraform.required_providers`);
        return true;
      }
      return false;
    });
  }

  private checkTerraformSettings(value: unknown, path: string): void {
    if (!isObject(value)) return;
    const requirements = value.required_providers;
    const entry = isObject(requirements) ? requirements[this.schema.providerName] : undefined;
    if (!isObject(entry)) return;
    const entryPath = childPath(childPath(path, "required_providers"), this.schema.providerName);
    const source = entry.source;
    if (typeof source === "string" && source.toLowerCase() !== this.schema.source && !source.toLowerCase().endsWith(`/${this.schema.source}`)) {
      this.warning(childPath(entryPath, "source"), `the configuration uses provider ${source}, but is checked against the schema of ${this.schema.label}`);
    }
    // Only an exact pin can be compared; a range may or may not include the schema's version.
    const version = typeof entry.version === "string" ? /^=?\s*v?(\d+\.\d+\.\d+\S*)$/.exec(entry.version.trim())?.[1] : undefined;
    if (version && this.schema.version && version !== this.schema.version) {
      this.warning(childPath(entryPath, "version"), `the configuration pins ${this.schema.source} ${version}, but is checked against the schema of ${this.schema.label}`);
    }
  }

  // ---------------------------------------------------------------- resources

  private checkResources(value: unknown, path: string, mode: "managed" | "data"): void {
    const noun = mode === "managed" ? "resource type" : "data source type";
    this.forEachLabel(value, path, (type, byName, typePath) => {
      const block = mode === "managed" ? this.schema.resource(type) : this.schema.dataSource(type);
      if (!block) {
        const known = mode === "managed" ? this.schema.resourceTypes() : this.schema.dataSourceTypes();
        this.error(typePath, `unknown ${noun} "${type}": neither in ${this.schema.label} nor built into Terraform${didYouMean(type, known)}`);
      }
      this.forEachLabel(byName, typePath, (name, bodies, namePath) => {
        const address = mode === "managed" ? `${type}.${name}` : `data.${type}.${name}`;
        this.declared.add(address);
        if (Array.isArray(bodies) && bodies.length > 1) {
          this.error(namePath, `${address} is declared ${bodies.length} times; resource names must be unique per type`);
        }
        this.forEachBody(bodies, namePath, (body, bodyPath) => {
          if (mode === "managed") this.resources++;
          else this.dataSources++;
          if (block) this.checkResourceBody(body, block, bodyPath, mode, type, address);
        });
      });
    });
  }

  private checkResourceBody(
    body: JsonObject,
    block: BlockSchema,
    path: string,
    mode: "managed" | "data",
    type: string,
    address: string,
  ): void {
    if (block.deprecated) {
      this.warning(path, `${mode === "managed" ? "resource" : "data source"} type "${type}" is deprecated in ${this.schema.label}`);
    }
    if (body.count !== undefined && body.for_each !== undefined) {
      this.error(path, `"count" and "for_each" cannot both be set; use one of them`);
    }
    const connection = mode === "managed" ? firstObject(body.connection) : undefined;
    const what = mode === "managed" ? `resource type ${type}` : `data source type ${type}`;
    this.checkBody(body, block, path, what, (key, value, keyPath) => {
      switch (key) {
        case "depends_on":
          this.checkDependsOn(value, keyPath, address);
          return true;
        case "count":
          this.checkCount(value, keyPath);
          return true;
        case "for_each":
          if (!isObject(value) && !Array.isArray(value) && !isTemplate(value)) {
            this.error(keyPath, `"for_each" must be a map, a set of strings or an expression, got ${describeJson(value)}`);
          }
          return true;
        case "provider":
          this.checkProviderReference(value, keyPath);
          return true;
        case "lifecycle":
          this.checkLifecycle(value, keyPath, mode);
          return true;
        case "provisioner":
          if (mode !== "managed") return false;
          this.checkProvisioners(value, keyPath, connection);
          return true;
        case "connection":
          if (mode !== "managed") return false;
          this.checkSingleBlock(value, keyPath, "connection", (b, p) => this.checkBody(b, CONNECTION_SCHEMA, p, "connection"));
          return true;
        default:
          return false;
      }
    });
  }

  private checkDependsOn(value: unknown, path: string, from: string): void {
    if (!Array.isArray(value)) {
      this.error(path, `"depends_on" must be a list of references such as "proxmox_network_linux_bridge.vmbr1", got ${describeJson(value)}`);
      return;
    }
    value.forEach((reference, i) => {
      const itemPath = indexPath(path, i);
      if (typeof reference !== "string") {
        this.error(itemPath, `expected a reference such as "proxmox_network_linux_bridge.vmbr1", got ${describeJson(reference)}`);
      } else if (isExpression(reference)) {
        this.error(itemPath, `depends_on takes plain references such as "proxmox_network_linux_bridge.vmbr1", not templates: ${JSON.stringify(reference)}`);
      } else if (!STATIC_REFERENCE.test(reference)) {
        this.error(itemPath, `${JSON.stringify(reference)} is not a reference such as "proxmox_network_linux_bridge.vmbr1"`);
      } else {
        this.dependsOn.push({ path: itemPath, reference, address: from });
      }
    });
  }

  private checkCount(value: unknown, path: string): void {
    if (isTemplate(value) || value === null) return;
    const n = typeof value === "string" && isNumberString(value) ? Number(value) : value;
    if (typeof n !== "number" || !Number.isInteger(n) || n < 0) {
      this.error(path, `"count" must be a whole number of at least 0 or an expression, got ${describeJson(value)}`);
    }
  }

  private checkProviderReference(value: unknown, path: string): void {
    if (typeof value !== "string" || isExpression(value)) {
      this.error(path, `"provider" must be a plain provider reference such as "${this.schema.providerName}.pve1", got ${describeJson(value)}`);
      return;
    }
    const match = /^([A-Za-z_][\w-]*)(?:\.([A-Za-z_][\w-]*))?$/.exec(value);
    if (!match) {
      this.error(path, `${JSON.stringify(value)} is not a provider reference such as "${this.schema.providerName}.pve1"`);
      return;
    }
    if (match[1] === this.schema.providerName && match[2]) this.providerReferences.push({ path, alias: match[2] });
  }

  private resolveReferences(): void {
    for (const { path, alias } of this.providerReferences) {
      if (!this.providerAliases.has(alias)) {
        this.error(path, `no ${this.schema.providerName} provider configuration has alias "${alias}"; add one to provider.${this.schema.providerName}`);
      }
    }
    for (const { path, reference, address } of this.dependsOn) {
      const parts = reference.replace(/\[[^\]]*\]/g, "").split(".");
      if (NON_RESOURCE_ROOTS.has(parts[0])) continue;
      const length = parts[0] === "data" ? 3 : 2;
      const target = parts.slice(0, length).join(".");
      if (parts.length < length) {
        this.error(path, `${JSON.stringify(reference)} does not name a resource; write "type.name" or "data.type.name"`);
      } else if (parts.length > length) {
        this.error(path, `depends_on must name a whole resource such as "${target}", not one of its attributes`);
      } else if (!this.declared.has(target)) {
        this.error(path, `${address} depends on ${target}, which this configuration does not declare`);
      }
    }
  }

  // ---------------------------------------------------------------- bodies

  /**
   * Checks one block body: every key is an attribute, a block type, `dynamic`
   * or a key `extra` handles; required attributes and blocks are present.
   */
  private checkBody(body: JsonObject, block: BlockSchema, path: string, what: string, extra?: KeyHandler): void {
    const dynamicNames = this.dynamicBlockNames(body.dynamic);
    for (const key of Object.keys(body)) {
      if (key === "//") continue;
      const value = body[key];
      const keyPath = childPath(path, key);
      if (extra?.(key, value, keyPath)) continue;
      const attribute = block.attributes.get(key);
      if (attribute) {
        this.checkAttribute(value, attribute, keyPath, key);
        continue;
      }
      const nested = block.blocks.get(key);
      if (nested) {
        this.checkBlocks(value, nested, keyPath, key, dynamicNames.has(key));
        continue;
      }
      if (key === "dynamic") {
        this.checkDynamic(value, block, keyPath, what);
        continue;
      }
      const known = [...block.attributes.keys(), ...block.blocks.keys()];
      this.error(keyPath, `unknown attribute or block "${key}" in ${what}${didYouMean(key, known)}`);
    }
    for (const name of block.requiredAttributes) {
      if ((body[name] === undefined || body[name] === null) && !dynamicNames.has(name)) {
        this.error(path, `missing required attribute "${name}"`);
      }
    }
    for (const name of block.requiredBlocks) {
      const nested = block.blocks.get(name)!;
      if (countBlocks(body[name], nested) === 0 && !dynamicNames.has(name)) {
        this.error(path, `missing required block "${name}" (at least ${nested.minItems})`);
      }
    }
  }

  private dynamicBlockNames(dynamic: unknown): ReadonlySet<string> {
    if (isObject(dynamic)) return new Set(Object.keys(dynamic));
    if (Array.isArray(dynamic)) return new Set(dynamic.filter(isObject).flatMap((d) => Object.keys(d)));
    return EMPTY_SET;
  }

  private checkAttribute(value: unknown, attribute: AttributeSchema, path: string, name: string): void {
    // null is how JSON leaves an attribute unset.
    if (value === null) return;
    if (attribute.computed && !attribute.optional && !attribute.required) {
      this.error(path, `"${name}" is computed by the provider and cannot be set in configuration`);
      return;
    }
    if (attribute.deprecated) this.warning(path, `"${name}" is deprecated in ${this.schema.label}`);
    if (attribute.sensitive && typeof value === "string" && value !== "" && !isExpression(value)) {
      this.warning(path, `"${name}" is sensitive but written as a literal, so the secret ends up in the JSON; pass it from a variable or the environment`);
    }
    if (attribute.nested) this.checkNestedAttribute(value, attribute.nested, path);
    else if (attribute.type) this.checkValue(value, attribute.type, path);
  }

  /** Checks a value against a type the way Terraform converts JSON values (docs/check.md lists the rules). */
  private checkValue(value: unknown, type: TfType, path: string): void {
    if (value === null || isTemplate(value)) return;
    switch (type.kind) {
      case "dynamic":
        return;
      case "string":
        if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return;
        break;
      case "number":
        if (typeof value === "number") return;
        if (typeof value === "string") {
          if (isNumberString(value)) return;
          this.error(path, `must be a number, got ${describeJson(value)} (a string converts only when it is a number, like "42")`);
          return;
        }
        break;
      case "bool":
        if (typeof value === "boolean") return;
        if (typeof value === "string") {
          if (isBoolString(value)) return;
          this.error(path, `must be a bool, got ${describeJson(value)} (a string converts only when it is "true", "false", "1" or "0")`);
          return;
        }
        break;
      case "list":
      case "set":
        if (Array.isArray(value)) {
          value.forEach((item, i) => this.checkValue(item, type.element, indexPath(path, i)));
          return;
        }
        break;
      case "map":
        if (isObject(value)) {
          for (const key of Object.keys(value)) this.checkValue(value[key], type.element, childPath(path, key));
          return;
        }
        break;
      case "object":
        if (isObject(value)) {
          this.checkObjectValue(value, type, path);
          return;
        }
        break;
      case "tuple":
        if (Array.isArray(value) && value.length === type.elements.length) {
          value.forEach((item, i) => this.checkValue(item, type.elements[i], indexPath(path, i)));
          return;
        }
        if (Array.isArray(value)) {
          this.error(path, `must be a tuple of ${type.elements.length} elements, got ${describeJson(value)}`);
          return;
        }
        break;
    }
    this.error(path, `must be ${withArticle(typeName(type))}, got ${describeJson(value)}`);
  }

  private checkObjectValue(value: JsonObject, type: Extract<TfType, { kind: "object" }>, path: string): void {
    const missing: string[] = [];
    for (const [key, keyType] of type.attributes) {
      if (value[key] === undefined) {
        if (!type.optional.has(key)) missing.push(key);
      } else {
        this.checkValue(value[key], keyType, childPath(path, key));
      }
    }
    for (const key of Object.keys(value)) {
      if (!type.attributes.has(key)) {
        // Terraform's conversion would silently drop the key, losing what was meant.
        this.error(childPath(path, key), `"${key}" is not a key of this object (Terraform would silently drop it)${didYouMean(key, type.attributes.keys())}`);
      }
    }
    if (missing.length > 0) {
      this.error(
        path,
        `object is missing ${missing.length === 1 ? "key" : "keys"} ${quoted(missing)}: in JSON, Terraform needs every key of an object type; write null for the ones not set`,
      );
    }
  }

  private checkNestedAttribute(value: unknown, nested: NestedAttributeType, path: string): void {
    if (value === null || isTemplate(value)) return;
    switch (nested.nesting) {
      case "single":
        this.checkNestedObject(value, nested, path);
        return;
      case "list":
      case "set":
        if (Array.isArray(value)) value.forEach((item, i) => this.checkNestedObject(item, nested, indexPath(path, i)));
        else this.error(path, `must be a list of objects, got ${describeJson(value)}`);
        return;
      case "map":
        if (isObject(value)) for (const key of Object.keys(value)) this.checkNestedObject(value[key], nested, childPath(path, key));
        else this.error(path, `must be a map of objects, got ${describeJson(value)}`);
        return;
    }
  }

  private checkNestedObject(value: unknown, nested: NestedAttributeType, path: string): void {
    if (value === null || isTemplate(value)) return;
    if (!isObject(value)) {
      this.error(path, `must be an object, got ${describeJson(value)}`);
      return;
    }
    for (const key of Object.keys(value)) {
      const attribute = nested.attributes.get(key);
      if (attribute) this.checkAttribute(value[key], attribute, childPath(path, key), key);
      else this.error(childPath(path, key), `"${key}" is not an attribute of this object${didYouMean(key, nested.attributes.keys())}`);
    }
    for (const name of nested.requiredAttributes) {
      if (value[name] === undefined || value[name] === null) this.error(path, `missing required attribute "${name}"`);
    }
  }

  private checkBlocks(value: unknown, nested: NestedBlockSchema, path: string, name: string, dynamic: boolean): void {
    if (value === null) return;
    if (nested.nesting === "map") {
      this.forEachLabel(value, path, (_label, bodies, labelPath) => {
        this.forEachBody(bodies, labelPath, (body, bodyPath) => this.checkBody(body, nested.block, bodyPath, `the ${name} block`));
      });
      return;
    }
    const count = this.forEachBody(value, path, (body, bodyPath) => this.checkBody(body, nested.block, bodyPath, `the ${name} block`));
    // Blocks generated by a dynamic block are only counted by Terraform.
    if (dynamic || count === 0) return;
    if ((nested.nesting === "single" || nested.nesting === "group") && count > 1) {
      this.error(path, `only one "${name}" block is allowed, got ${count}`);
    } else if (nested.maxItems > 0 && count > nested.maxItems) {
      this.error(path, `at most ${nested.maxItems} "${name}" ${nested.maxItems === 1 ? "block is" : "blocks are"} allowed, got ${count}`);
    } else if (count < nested.minItems) {
      this.error(path, `at least ${nested.minItems} "${name}" blocks are required, got ${count}`);
    }
  }

  private checkDynamic(value: unknown, block: BlockSchema, path: string, what: string): void {
    this.forEachLabel(value, path, (name, specs, namePath) => {
      let target = block.blocks.get(name)?.block;
      const attribute = block.attributes.get(name);
      if (!target && block.attributesAsBlocks && attribute?.type) {
        const t = attribute.type;
        if ((t.kind === "list" || t.kind === "set") && t.element.kind === "object") target = blockForObjectType(t.element);
      }
      if (!target) {
        this.error(namePath, `dynamic block "${name}": ${what} has no block type "${name}"${didYouMean(name, block.blocks.keys())}`);
        return;
      }
      const content = target;
      this.forEachBody(specs, namePath, (spec, specPath) => {
        for (const key of Object.keys(spec)) {
          const keyPath = childPath(specPath, key);
          if (key === "content") {
            if (isObject(spec.content)) this.checkBody(spec.content, content, keyPath, `the ${name} block`);
            else this.error(keyPath, `"content" must be an object holding the block's attributes, got ${describeJson(spec.content)}`);
          } else if (key === "iterator") {
            if (typeof spec.iterator !== "string") this.error(keyPath, `"iterator" must be a name, got ${describeJson(spec.iterator)}`);
          } else if (key !== "for_each" && key !== "labels" && key !== "//") {
            this.error(keyPath, `a dynamic block takes "for_each", "content", "iterator" and "labels", not "${key}"`);
          }
        }
        if (spec.for_each === undefined) this.error(specPath, `dynamic block "${name}" is missing "for_each"`);
        if (spec.content === undefined) this.error(specPath, `dynamic block "${name}" is missing "content"`);
      });
    });
  }

  /** A block Terraform allows once (lifecycle, connection): an object, or a list holding one. */
  private checkSingleBlock(value: unknown, path: string, name: string, check: (body: JsonObject, path: string) => void): void {
    const count = this.forEachBody(value, path, check);
    if (count > 1) this.error(path, `only one "${name}" block is allowed, got ${count}`);
  }

  // ---------------------------------------------------------------- meta-arguments

  private checkLifecycle(value: unknown, path: string, mode: "managed" | "data"): void {
    this.checkSingleBlock(value, path, "lifecycle", (body, bodyPath) => {
      for (const key of Object.keys(body)) {
        if (key === "//") continue;
        const v = body[key];
        const keyPath = childPath(bodyPath, key);
        if (mode === "data" && LIFECYCLE_MANAGED_ONLY.has(key)) {
          this.error(keyPath, `"${key}" is a lifecycle setting of resources, not of data sources`);
          continue;
        }
        switch (key) {
          case "create_before_destroy":
          case "prevent_destroy":
            if (typeof v === "string" && isExpression(v)) {
              this.error(keyPath, `"${key}" must be a literal true or false: Terraform reads lifecycle settings before it evaluates expressions`);
            } else if (typeof v !== "boolean" && !(typeof v === "string" && isBoolString(v))) {
              this.error(keyPath, `"${key}" must be true or false, got ${describeJson(v)}`);
            }
            break;
          case "ignore_changes":
            if (v !== "all") this.checkStaticReferenceList(v, keyPath, key, `attribute names, or "all"`);
            break;
          case "replace_triggered_by":
            this.checkStaticReferenceList(v, keyPath, key, "references");
            break;
          case "precondition":
          case "postcondition":
            this.forEachBody(v, keyPath, (condition, conditionPath) => this.checkBody(condition, CONDITION_SCHEMA, conditionPath, key));
            break;
          default:
            this.error(keyPath, `"${key}" is not a lifecycle setting${didYouMean(key, LIFECYCLE_KEYS)}`);
        }
      }
    });
  }

  private checkStaticReferenceList(value: unknown, path: string, name: string, what: string): void {
    if (!Array.isArray(value)) {
      this.error(path, `"${name}" must be a list of ${what}, got ${describeJson(value)}`);
      return;
    }
    value.forEach((item, i) => {
      if (typeof item !== "string") this.error(indexPath(path, i), `expected a string, got ${describeJson(item)}`);
    });
  }

  private checkProvisioners(value: unknown, path: string, resourceConnection: JsonObject | undefined): void {
    const items: [unknown, string][] = Array.isArray(value) ? value.map((item, i) => [item, indexPath(path, i)]) : [[value, path]];
    for (const [item, itemPath] of items) {
      if (!isObject(item)) {
        this.error(itemPath, `a provisioner is an object naming its type, such as {"remote-exec": {...}}; got ${describeJson(item)}`);
        continue;
      }
      for (const type of Object.keys(item)) {
        if (type === "//") continue;
        const typePath = childPath(itemPath, type);
        const schema = PROVISIONER_SCHEMAS.get(type);
        if (!schema) {
          this.error(typePath, `unknown provisioner "${type}": Terraform provides "local-exec", "remote-exec" and "file"`);
          continue;
        }
        this.forEachBody(item[type], typePath, (body, bodyPath) => this.checkProvisionerBody(type, body, schema, bodyPath, resourceConnection));
      }
    }
  }

  private checkProvisionerBody(
    type: string,
    body: JsonObject,
    schema: BlockSchema,
    path: string,
    resourceConnection: JsonObject | undefined,
  ): void {
    let connection: JsonObject | undefined;
    this.checkBody(body, schema, path, `provisioner ${type}`, (key, value, keyPath) => {
      switch (key) {
        case "when":
          if (value !== "create" && value !== "destroy") this.error(keyPath, `"when" must be "create" or "destroy", got ${describeJson(value)}`);
          return true;
        case "on_failure":
          if (value !== "continue" && value !== "fail") this.error(keyPath, `"on_failure" must be "continue" or "fail", got ${describeJson(value)}`);
          return true;
        case "connection":
          this.checkSingleBlock(value, keyPath, "connection", (b, p) => {
            connection = b;
            this.checkBody(b, CONNECTION_SCHEMA, p, "connection");
          });
          return true;
        default:
          return false;
      }
    });
    const given = (key: string) => body[key] !== undefined && body[key] !== null;
    if (type === "remote-exec" && ["inline", "script", "scripts"].filter(given).length !== 1) {
      this.error(path, `remote-exec needs exactly one of "inline", "script" or "scripts"`);
    }
    if (type === "file" && given("source") === given("content")) {
      this.error(path, `the file provisioner needs exactly one of "source" or "content"`);
    }
    if (!resourceConnection && !connection) {
      if (type !== "local-exec") {
        this.error(path, `${type} needs a connection block (on the resource or in the provisioner) to reach its host`);
      }
    } else {
      const host = connection?.host ?? resourceConnection?.host;
      if (host === undefined || host === null) {
        this.error(path, `the connection for this provisioner has no "host"; set it in the resource's or the provisioner's connection block`);
      }
    }
  }
}

/** The block body of a block Terraform allows once: the object, or the first of a list. */
function firstObject(value: unknown): JsonObject | undefined {
  if (isObject(value)) return value;
  return Array.isArray(value) && isObject(value[0]) ? value[0] : undefined;
}

function countBlocks(value: unknown, nested: NestedBlockSchema): number {
  if (value === undefined || value === null) return 0;
  if (Array.isArray(value)) return value.length;
  if (nested.nesting === "map" && isObject(value)) return Object.keys(value).length;
  return 1;
}
