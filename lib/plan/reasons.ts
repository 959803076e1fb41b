/**
 * Terraform's `action_reason` in words (values from Terraform's jsonplan
 * package; unknown future values are shown verbatim).
 */
export function reasonInWords(reason: string | undefined, replacePaths: readonly string[]): string | undefined {
  switch (reason) {
    case undefined:
      return undefined;
    case "replace_because_cannot_update":
      return replacePaths.length > 0
        ? `the provider cannot change ${replacePaths.map((p) => `\`${p}\``).join(", ")} in place`
        : "the provider cannot make this change in place";
    case "replace_because_tainted":
      return "the object is tainted (an earlier apply failed part-way, or it was marked for replacement)";
    case "replace_by_request":
      return "replacement was requested (`-replace`)";
    case "replace_by_triggers":
      return "a resource named in its `replace_triggered_by` changes";
    case "delete_because_no_resource_config":
      return "its configuration was removed";
    case "delete_because_wrong_repetition":
      return "it switched between a single instance and `count`/`for_each`";
    case "delete_because_count_index":
      return "its `count` index is no longer in range";
    case "delete_because_each_key":
      return "its `for_each` key is no longer in the map";
    case "delete_because_no_module":
      return "its module was removed";
    case "delete_because_no_move_target":
      return "a `moved` block points at it, but it has no configuration";
    case "delete_because_enabled_false":
      return "it is disabled in the configuration";
    case "read_because_config_unknown":
      return "its arguments are known only during apply";
    case "read_because_dependency_pending":
      return "it depends on resources with pending changes";
    case "read_because_check_nested":
      return "a `check` block reads it again";
    default:
      return reason;
  }
}
