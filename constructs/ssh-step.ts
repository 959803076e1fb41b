import { Construct } from "constructs";
import { ITerraformDependable, TerraformResource } from "cdktn";

/** A value a step records in its `input` (what the plan review shows). */
export type StepParameter = string | number | boolean | readonly string[];

export interface SshStepProps {
  /** Step kind, e.g. "cluster-create"; the plan review recognises steps by it. */
  readonly kind: string;
  /** Node the step runs on. */
  readonly node: string;
  /** Address Terraform's SSH connection uses to reach the node. */
  readonly host: string;
  /** Shell commands run once, when the step is created. */
  readonly inline: readonly string[];
  /**
   * What the step does, in a few flat values. They are stored in `input` and in
   * `triggers_replace`: changing any of them replaces the step, which re-runs it
   * (and is refused while `preventDestroy` is on).
   * @default {}
   */
  readonly parameters?: Readonly<Record<string, StepParameter | undefined>>;
  /** @default [] */
  readonly dependsOn?: readonly ITerraformDependable[];
  /** @default false */
  readonly preventDestroy?: boolean;
}

/**
 * A bootstrap step that the bpg provider cannot perform (cluster create/join,
 * QDevice, Ceph daemons): a `terraform_data` resource whose `remote-exec`
 * provisioner runs a script as root over SSH, authenticated by the operator's
 * ssh-agent — no key or password ever appears in the configuration.
 *
 * Written against `TerraformResource` directly instead of cdktn's
 * `DataResource`, which adds a validation that runs `terraform version` for
 * every instance: slow, and it makes synthesis fail where Terraform is not
 * installed.
 */
export class SshStep extends TerraformResource {
  readonly kind: string;
  readonly nodeName: string;
  private readonly input: Record<string, StepParameter>;

  constructor(scope: Construct, id: string, props: SshStepProps) {
    super(scope, id, {
      terraformResourceType: "terraform_data",
      terraformGeneratorMetadata: { providerName: "terraform" },
      dependsOn: props.dependsOn ? [...props.dependsOn] : undefined,
      lifecycle: props.preventDestroy ? { preventDestroy: true } : undefined,
      provisioners: [{ type: "remote-exec", inline: [...props.inline] }],
      connection: { type: "ssh", host: props.host, user: "root" },
    });
    // cdktn types the connection's `agent` as a string; Terraform's schema wants a bool.
    this.addOverride("connection.agent", true);
    this.kind = props.kind;
    this.nodeName = props.node;
    const input: Record<string, StepParameter> = { pvecdk_step: props.kind, node: props.node };
    for (const [key, value] of Object.entries(props.parameters ?? {})) {
      if (value !== undefined) input[key] = value;
    }
    this.input = input;
  }

  protected synthesizeAttributes(): { [name: string]: unknown } {
    return {
      input: this.input,
      triggers_replace: this.input,
    };
  }
}
