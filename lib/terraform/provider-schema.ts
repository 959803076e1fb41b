import * as fs from "fs";
import * as path from "path";
import { SchemaFormatError, TfType, parseTfType } from "./types";
import { BUILTIN_DATA_SOURCES, BUILTIN_RESOURCES, RawBlock, RawAttribute } from "./builtin-schemas";

const COMMITTED_SCHEMA = path.join("providers", "bpg-proxmox", "0.111.1.schema.json");

/**
 * The provider schema pvecdk is built against, committed with the repository.
 * Found from lib/terraform in the sources and from dist/lib/terraform when compiled.
 */
export function committedSchemaPath(): string {
  const candidates = [path.resolve(__dirname, "../..", COMMITTED_SCHEMA), path.resolve(__dirname, "../../..", COMMITTED_SCHEMA)];
  return candidates.find((candidate) => fs.existsSync(candidate)) ?? candidates[0];
}

export type BlockNesting = "single" | "group" | "list" | "set" | "map";
export type AttributeNesting = "single" | "list" | "set" | "map";

export interface AttributeSchema {
  readonly required: boolean;
  readonly optional: boolean;
  readonly computed: boolean;
  readonly deprecated: boolean;
  readonly sensitive: boolean;
  /** The value type of a plain attribute; absent for a nested attribute. */
  readonly type?: TfType;
  /** The objects of a nested attribute (plugin-framework `nested_type`). */
  readonly nested?: NestedAttributeType;
}

export interface NestedAttributeType {
  readonly nesting: AttributeNesting;
  readonly attributes: ReadonlyMap<string, AttributeSchema>;
  readonly requiredAttributes: readonly string[];
}

export interface NestedBlockSchema {
  readonly nesting: BlockNesting;
  readonly minItems: number;
  /** 0 means no limit. */
  readonly maxItems: number;
  readonly block: BlockSchema;
}

export interface BlockSchema {
  readonly attributes: ReadonlyMap<string, AttributeSchema>;
  readonly blocks: ReadonlyMap<string, NestedBlockSchema>;
  readonly deprecated: boolean;
  /** Required attributes and blocks with `min_items` > 0, precomputed so a body is checked in one pass. */
  readonly requiredAttributes: readonly string[];
  readonly requiredBlocks: readonly string[];
  /**
   * Whether Terraform's legacy-SDK fix-up applies to this block: list/set-of-object
   * attributes may then also be written as (dynamic) blocks. Terraform skips the
   * fix-up for any schema using nested attributes or object/tuple-typed attributes.
   */
  readonly attributesAsBlocks: boolean;
}

/**
 * One provider's schema (plus Terraform's built-in `terraform_data` and
 * `terraform_remote_state`), indexed into Maps so checking a configuration is
 * a lookup per key. Each type is indexed once, when first looked up.
 */
export class ProviderSchemaIndex {
  private readonly resources: LazyBlocks;
  private readonly dataSources: LazyBlocks;

  constructor(
    /** The provider's local name as configurations use it: `proxmox`. */
    readonly providerName: string,
    /** The registry source: `bpg/proxmox`. */
    readonly source: string,
    /** The provider version the schema was exported from, when known. */
    readonly version: string | undefined,
    readonly provider: BlockSchema,
    resources: ReadonlyMap<string, RawBlock>,
    dataSources: ReadonlyMap<string, RawBlock>,
  ) {
    this.resources = new LazyBlocks(resources, "resource");
    this.dataSources = new LazyBlocks(dataSources, "data");
  }

  resource(type: string): BlockSchema | undefined {
    return this.resources.get(type);
  }

  dataSource(type: string): BlockSchema | undefined {
    return this.dataSources.get(type);
  }

  resourceTypes(): Iterable<string> {
    return this.resources.names();
  }

  dataSourceTypes(): Iterable<string> {
    return this.dataSources.names();
  }

  /** `bpg/proxmox 0.111.1`, for messages. */
  get label(): string {
    return this.version ? `${this.source} ${this.version}` : this.source;
  }
}

/**
 * Raw schema blocks indexed on first use: a configuration touches a handful of
 * the provider's ~200 types, so indexing all of them up front would dominate a
 * small check.
 */
class LazyBlocks {
  private readonly indexed = new Map<string, BlockSchema>();

  constructor(
    private readonly raw: ReadonlyMap<string, RawBlock>,
    private readonly kind: string,
  ) {}

  get(type: string): BlockSchema | undefined {
    let block = this.indexed.get(type);
    if (!block) {
      const raw = this.raw.get(type);
      if (!raw) return undefined;
      block = indexBlock(raw, `${this.kind}.${type}`);
      this.indexed.set(type, block);
    }
    return block;
  }

  names(): Iterable<string> {
    return this.raw.keys();
  }
}

interface RawProviderSchema {
  readonly provider?: { readonly block?: RawBlock };
  readonly resource_schemas?: Record<string, { readonly block?: RawBlock }>;
  readonly data_source_schemas?: Record<string, { readonly block?: RawBlock }>;
}

/**
 * Indexes the output of `terraform providers schema -json` for one provider.
 * `provider` picks it when the file holds several (by source suffix, e.g.
 * `bpg/proxmox`); otherwise the file must hold exactly one.
 */
export function indexProviderSchema(
  json: unknown,
  options: { readonly provider?: string; readonly version?: string } = {},
): ProviderSchemaIndex {
  const schemas = (json as { provider_schemas?: Record<string, RawProviderSchema> } | null)?.provider_schemas;
  if (typeof schemas !== "object" || schemas === null) {
    throw new SchemaFormatError("not a provider schema: no provider_schemas (expected `terraform providers schema -json` output)");
  }
  const names = Object.keys(schemas).filter((fqn) => !options.provider || fqn.endsWith(`/${options.provider}`));
  if (names.length !== 1) {
    throw new SchemaFormatError(
      `expected one provider${options.provider ? ` matching ${options.provider}` : ""}, found ${names.length}: ${Object.keys(schemas).join(", ") || "none"}`,
    );
  }
  const fqn = names[0];
  const raw = schemas[fqn];
  const segments = fqn.split("/");
  const providerName = segments[segments.length - 1];
  const source = segments.slice(-2).join("/");

  const resources = new Map<string, RawBlock>(Object.entries(BUILTIN_RESOURCES));
  for (const [type, s] of Object.entries(raw.resource_schemas ?? {})) resources.set(type, s.block ?? {});
  const dataSources = new Map<string, RawBlock>(Object.entries(BUILTIN_DATA_SOURCES));
  for (const [type, s] of Object.entries(raw.data_source_schemas ?? {})) dataSources.set(type, s.block ?? {});
  return new ProviderSchemaIndex(
    providerName,
    source,
    options.version,
    indexBlock(raw.provider?.block ?? {}, `provider.${providerName}`),
    resources,
    dataSources,
  );
}

/**
 * Loads and indexes a provider schema file. The version comes from the file
 * name when it follows the repository's `<version>.schema.json` convention.
 */
export function loadProviderSchema(file?: string): ProviderSchemaIndex {
  const resolved = file ?? committedSchemaPath();
  const version = /(\d+\.\d+\.\d+[^/\\]*)\.schema\.json$/.exec(resolved)?.[1];
  const json: unknown = JSON.parse(fs.readFileSync(resolved, "utf8"));
  return indexProviderSchema(json, { version });
}

let committed: ProviderSchemaIndex | undefined;

/** The committed bpg/proxmox schema, indexed once per process. */
export function committedProviderSchema(): ProviderSchemaIndex {
  committed ??= loadProviderSchema();
  return committed;
}

const BLOCK_NESTINGS: ReadonlySet<string> = new Set(["single", "group", "list", "set", "map"]);
const ATTRIBUTE_NESTINGS: ReadonlySet<string> = new Set(["single", "list", "set", "map"]);

/** Indexes a block schema as it appears in the schema JSON (exported for the built-in schemas and tests). */
export function indexBlock(raw: RawBlock, where: string): BlockSchema {
  const attributes = new Map<string, AttributeSchema>();
  const requiredAttributes: string[] = [];
  for (const [name, rawAttr] of Object.entries(raw.attributes ?? {})) {
    const attr = indexAttribute(rawAttr, `${where}.${name}`);
    attributes.set(name, attr);
    if (attr.required) requiredAttributes.push(name);
  }
  const blocks = new Map<string, NestedBlockSchema>();
  const requiredBlocks: string[] = [];
  for (const [name, rawType] of Object.entries(raw.block_types ?? {})) {
    if (!BLOCK_NESTINGS.has(rawType.nesting_mode)) {
      throw new SchemaFormatError(`unsupported nesting_mode ${JSON.stringify(rawType.nesting_mode)} at ${where}.${name}`);
    }
    const nested: NestedBlockSchema = {
      nesting: rawType.nesting_mode as BlockNesting,
      minItems: rawType.min_items ?? 0,
      maxItems: rawType.max_items ?? 0,
      block: indexBlock(rawType.block ?? {}, `${where}.${name}`),
    };
    blocks.set(name, nested);
    if (nested.minItems > 0) requiredBlocks.push(name);
  }
  const partial = { attributes, blocks };
  return {
    attributes,
    blocks,
    deprecated: raw.deprecated === true,
    requiredAttributes,
    requiredBlocks,
    attributesAsBlocks: !rulesOutAttributesAsBlocks(partial),
  };
}

function indexAttribute(raw: RawAttribute, where: string): AttributeSchema {
  const flags = {
    required: raw.required === true,
    optional: raw.optional === true,
    computed: raw.computed === true,
    deprecated: raw.deprecated === true,
    sensitive: raw.sensitive === true,
  };
  if (raw.nested_type) {
    if (!ATTRIBUTE_NESTINGS.has(raw.nested_type.nesting_mode)) {
      throw new SchemaFormatError(`unsupported nesting_mode ${JSON.stringify(raw.nested_type.nesting_mode)} at ${where}`);
    }
    const attributes = new Map<string, AttributeSchema>();
    const requiredAttributes: string[] = [];
    for (const [name, rawAttr] of Object.entries(raw.nested_type.attributes ?? {})) {
      const attr = indexAttribute(rawAttr, `${where}.${name}`);
      attributes.set(name, attr);
      if (attr.required) requiredAttributes.push(name);
    }
    return { ...flags, nested: { nesting: raw.nested_type.nesting_mode as AttributeNesting, attributes, requiredAttributes } };
  }
  if (raw.type === undefined) throw new SchemaFormatError(`attribute without type or nested_type at ${where}`);
  return { ...flags, type: parseTfType(raw.type, where) };
}

/** Mirrors Terraform's check for when the attributes-as-blocks fix-up must not apply. */
function rulesOutAttributesAsBlocks(block: {
  attributes: ReadonlyMap<string, AttributeSchema>;
  blocks: ReadonlyMap<string, NestedBlockSchema>;
}): boolean {
  for (const attr of block.attributes.values()) {
    if (attr.nested || !attr.type) return true;
    const t = attr.type;
    if (t.kind === "object" || t.kind === "tuple") return true;
    if (t.kind === "map" && t.element.kind === "object") return true;
    if (t.kind === "list" || t.kind === "set" || t.kind === "map") {
      const inner = t.element;
      if ((inner.kind === "list" || inner.kind === "set" || inner.kind === "map") && !isPrimitive(inner.element)) return true;
    }
  }
  for (const nested of block.blocks.values()) {
    if (!nested.block.attributesAsBlocks) return true;
  }
  return false;
}

function isPrimitive(t: TfType): boolean {
  return t.kind === "string" || t.kind === "number" || t.kind === "bool";
}
