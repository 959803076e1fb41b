import { Construct } from "constructs";
import { TerraformStack } from "cdktn";
import { Finding } from "../lib/model/findings";
import { ClusterSpec } from "../lib/model/spec-types";
import { ProxmoxCluster } from "../constructs/cluster";

/** Construct ID of the cluster inside its stack; the TypeScript and YAML front doors must agree on it. */
export const CLUSTER_CONSTRUCT_ID = "cluster";

/**
 * One Terraform stack per cluster, named after it: its own state, its own
 * providers, written to `cdktf.out/stacks/<cluster>/cdk.tf.json`. The backend
 * comes from the cluster's `backend` (local, relative path, by default).
 */
export class ClusterStack extends TerraformStack {
  /**
   * The stack for a spec document: `new ClusterStack` plus `ProxmoxCluster.fromSpec`
   * (`validated`: the document's findings, when the caller already validated it).
   */
  static fromSpec(scope: Construct, doc: ClusterSpec, validated?: readonly Finding[]): ClusterStack {
    const stack = new ClusterStack(scope, doc.spec.name);
    ProxmoxCluster.fromSpec(stack, CLUSTER_CONSTRUCT_ID, doc, validated);
    return stack;
  }

  /** The cluster this stack holds (the first ProxmoxCluster in it). */
  get cluster(): ProxmoxCluster | undefined {
    return ProxmoxCluster.allIn(this)[0];
  }

  /**
   * Emits the clusters before cdktn prepares the stack, so their resources and
   * backend exist when the default backend and feature discovery run.
   */
  prepareStack(): void {
    for (const cluster of ProxmoxCluster.allIn(this)) cluster.emit();
    super.prepareStack();
  }

  /** Resources per Terraform type (types sorted) in the configuration cdktn last wrote; undefined before synthesis. */
  get synthesizedResourceCounts(): Readonly<Record<string, number>> | undefined {
    return this.writtenResourceCounts;
  }

  private writtenResourceCounts?: Record<string, number>;

  /** Counts the resources on their way to cdk.tf.json, so a summary need not read back and parse the file. */
  toTerraform(): Record<string, unknown> {
    const config = super.toTerraform() as { resource?: Record<string, Record<string, unknown>> };
    const resources = config.resource ?? {};
    this.writtenResourceCounts = Object.fromEntries(Object.keys(resources).sort().map((type) => [type, Object.keys(resources[type]).length]));
    return config;
  }
}
