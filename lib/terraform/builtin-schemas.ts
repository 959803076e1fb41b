/**
 * Schemas of what Terraform itself provides, written as data in the same
 * format as `terraform providers schema -json`, so one checker handles them
 * and the provider's resources alike. Taken from Terraform 1.11
 * (`terraform providers schema -json` for the built-in provider; the
 * provisioner and connection schemas from Terraform's source).
 */

export interface RawAttribute {
  readonly type?: unknown;
  readonly nested_type?: {
    readonly nesting_mode: string;
    readonly attributes?: Record<string, RawAttribute>;
  };
  readonly required?: boolean;
  readonly optional?: boolean;
  readonly computed?: boolean;
  readonly deprecated?: boolean;
  readonly sensitive?: boolean;
}

export interface RawBlockType {
  readonly nesting_mode: string;
  readonly block?: RawBlock;
  readonly min_items?: number;
  readonly max_items?: number;
}

export interface RawBlock {
  readonly attributes?: Record<string, RawAttribute>;
  readonly block_types?: Record<string, RawBlockType>;
  readonly deprecated?: boolean;
}

const optional = (type: unknown): RawAttribute => ({ type, optional: true });
const required = (type: unknown): RawAttribute => ({ type, required: true });
const computed = (type: unknown): RawAttribute => ({ type, computed: true });

/** Managed resources of the built-in `terraform` provider. */
export const BUILTIN_RESOURCES: Readonly<Record<string, RawBlock>> = {
  terraform_data: {
    attributes: {
      id: computed("string"),
      input: optional("dynamic"),
      output: computed("dynamic"),
      triggers_replace: optional("dynamic"),
    },
  },
};

/** Data sources of the built-in `terraform` provider. */
export const BUILTIN_DATA_SOURCES: Readonly<Record<string, RawBlock>> = {
  terraform_remote_state: {
    attributes: {
      backend: required("string"),
      config: optional("dynamic"),
      defaults: optional("dynamic"),
      outputs: computed("dynamic"),
      workspace: optional("string"),
    },
  },
};

/** The provisioners built into Terraform, by the name used in `provisioner` blocks. */
export const PROVISIONERS: Readonly<Record<string, RawBlock>> = {
  "local-exec": {
    attributes: {
      command: required("string"),
      interpreter: optional(["list", "string"]),
      working_dir: optional("string"),
      environment: optional(["map", "string"]),
      quiet: optional("bool"),
    },
  },
  "remote-exec": {
    attributes: {
      inline: optional(["list", "string"]),
      script: optional("string"),
      scripts: optional(["list", "string"]),
    },
  },
  file: {
    attributes: {
      source: optional("string"),
      content: optional("string"),
      destination: required("string"),
    },
  },
};

/**
 * Every argument a `connection` block accepts (ssh and winrm together, as
 * Terraform validates it). `host` is required once the resource-level and
 * provisioner-level blocks are merged, so it is optional here and checked by
 * the caller.
 */
export const CONNECTION: RawBlock = {
  attributes: {
    host: optional("string"),
    type: optional("string"),
    user: optional("string"),
    password: optional("string"),
    port: optional("number"),
    timeout: optional("string"),
    script_path: optional("string"),
    target_platform: optional("string"),
    private_key: optional("string"),
    certificate: optional("string"),
    host_key: optional("string"),
    agent: optional("bool"),
    agent_identity: optional("string"),
    proxy_scheme: optional("string"),
    proxy_host: optional("string"),
    proxy_port: optional("number"),
    proxy_user_name: optional("string"),
    proxy_user_password: optional("string"),
    proxy_command: optional("string"),
    bastion_host: optional("string"),
    bastion_host_key: optional("string"),
    bastion_port: optional("number"),
    bastion_user: optional("string"),
    bastion_password: optional("string"),
    bastion_private_key: optional("string"),
    bastion_certificate: optional("string"),
    https: optional("bool"),
    insecure: optional("bool"),
    cacert: optional("string"),
    use_ntlm: optional("bool"),
  },
};

/** A `precondition` or `postcondition` block inside `lifecycle`. */
export const CONDITION: RawBlock = {
  attributes: {
    condition: required("dynamic"),
    error_message: required("string"),
  },
};
