import { BootstrapInputError, BootstrapScript, assign, boolean, cephName, field, nodeName, renderScript, commandLine, storageId } from "./shell";

/** Content types an RBD storage can hold (disk images of VMs and containers). */
export const RBD_CONTENT_TYPES = ["images", "rootdir"] as const;

export interface RbdStorageOptions {
  /** Storage ID in storage.cfg. */
  readonly storageId: string;
  /** Ceph pool the storage uses (hyper-converged: the cluster's own Ceph). */
  readonly pool: string;
  /** Subset of "images", "rootdir"; at least one. */
  readonly content: readonly string[];
  /** `--krbd 1`: map images through the kernel RBD module. @default false */
  readonly krbd?: boolean;
  /** Nodes the storage is available on. @default all nodes */
  readonly nodes?: readonly string[];
}

/**
 * Adds a hyper-converged RBD storage (run on one cluster node; storage.cfg is
 * cluster-wide): `pvesm add rbd <id> --pool P --content C [--krbd 1] [--nodes a,b]`.
 * bpg/proxmox 0.111.1 has no RBD storage resource, hence this step.
 *
 * Done when storage.cfg has an `rbd: <id>` section for the same pool. The same
 * ID with another type or pool is an error. Differences in content, krbd or
 * nodes are reported as warnings and left alone: those settings may have been
 * changed on purpose, and the step never rewrites an existing storage.
 */
export function rbdStorageScript(o: RbdStorageOptions): BootstrapScript {
  const fn = "rbdStorageScript";
  const id = storageId(field(fn, "storageId"), o.storageId);
  const pool = cephName(field(fn, "pool"), o.pool);
  const content = contentList(fn, o.content);
  const krbd = o.krbd === undefined ? false : boolean(field(fn, "krbd"), o.krbd);
  const nodes = o.nodes === undefined ? undefined : nodeList(fn, o.nodes);

  const words = ["pvesm", "add", "rbd", id, "--pool", pool, "--content", content.join(",")];
  if (krbd) words.push("--krbd", "1");
  if (nodes !== undefined) words.push("--nodes", nodes.join(","));

  return renderScript("rbd-storage", `add RBD storage ${id} on Ceph pool ${pool}`, [
    assign("storage_id", id),
    assign("pool", pool),
    assign("content", content.join(",")),
    assign("krbd", krbd ? "1" : "0"),
    assign("nodes", nodes === undefined ? "" : nodes.join(",")),
    'cfg="$root/etc/pve/storage.cfg"',
    "",
    '# The storage.cfg section of $storage_id as "key value" lines, its type first ("type rbd").',
    "storage_section() {",
    '  [ -f "$cfg" ] || return 0',
    "  STORAGE_ID=$storage_id awk '",
    "    /^[^[:space:]#][^[:space:]]*:[[:space:]]/ {",
    '      type = $1; sub(/:$/, "", type)',
    '      inside = ($2 == ENVIRON["STORAGE_ID"])',
    '      if (inside) print "type", type',
    "      next",
    "    }",
    '    inside && NF > 0 { key = $1; $1 = ""; sub(/^[[:space:]]+/, ""); print key, $0 }',
    `  ' "$cfg"`,
    "}",
    "",
    "read_storage() {",
    '  existing_type="" existing_pool="" existing_content="" existing_krbd="" existing_nodes=""',
    "  local key value",
    "  while read -r key value; do",
    '    case "$key" in',
    "      type) existing_type=$value ;;",
    "      pool) existing_pool=$value ;;",
    "      content) existing_content=$value ;;",
    "      krbd) existing_krbd=$value ;;",
    "      nodes) existing_nodes=$value ;;",
    "    esac",
    "  done < <(storage_section)",
    "}",
    "",
    "# A comma-separated list in sorted order, so lists compare regardless of order.",
    "sorted_list() { tr ',' '\\n' <<<\"$1\" | sort -u | paste -sd, -; }",
    "",
    "read_storage",
    'if [ -n "$existing_type" ]; then',
    '  [ "$existing_type" = rbd ] || fail "storage $storage_id already exists with type $existing_type, not rbd"',
    "  # pvesm uses the pool \"rbd\" when none is set.",
    '  existing_pool=${existing_pool:-rbd}',
    `  [ "$existing_pool" = "$pool" ] || fail "storage $storage_id already uses pool '$existing_pool', not '$pool'; pvecdk does not repoint existing storages"`,
    '  if [ "$(sorted_list "$existing_content")" != "$(sorted_list "$content")" ]; then',
    `    say "warning: storage $storage_id holds content '$existing_content' but the spec says '$content'; left unchanged"`,
    "  fi",
    '  if [ "${existing_krbd:-0}" != "$krbd" ]; then',
    `    say "warning: storage $storage_id has krbd '\${existing_krbd:-0}' but the spec says '$krbd'; left unchanged"`,
    "  fi",
    '  if [ "$(sorted_list "$existing_nodes")" != "$(sorted_list "$nodes")" ]; then',
    `    say "warning: storage $storage_id is limited to nodes '$existing_nodes' but the spec says '$nodes' (empty means all); left unchanged"`,
    "  fi",
    '  say "already done: storage $storage_id uses pool $pool"',
    "  exit 0",
    "fi",
    "",
    'say "adding RBD storage $storage_id on pool $pool"',
    commandLine(...words),
    "read_storage",
    '[ "$existing_type" = rbd ] || fail "pvesm add returned, but storage.cfg has no rbd storage $storage_id"',
    'say "done: storage $storage_id added"',
  ]);
}

function contentList(fn: string, content: readonly string[]): string[] {
  if (!Array.isArray(content) || content.length === 0) {
    throw new BootstrapInputError(`${fn}: content must list at least one of ${RBD_CONTENT_TYPES.join(", ")}`);
  }
  content.forEach((c, i) => {
    if (!(RBD_CONTENT_TYPES as readonly string[]).includes(c)) {
      throw new BootstrapInputError(`${fn}: content[${i}] ${JSON.stringify(c)} is not a content type RBD can hold (${RBD_CONTENT_TYPES.join(", ")})`);
    }
  });
  return [...new Set(content)];
}

function nodeList(fn: string, nodes: readonly string[]): string[] {
  if (!Array.isArray(nodes) || nodes.length === 0) {
    throw new BootstrapInputError(`${fn}: nodes must name at least one node, or be left out for all nodes`);
  }
  return [...new Set(nodes.map((n, i) => nodeName(field(fn, `nodes[${i}]`), n)))];
}
