import { Construct } from "constructs";
import { ITerraformDependable } from "cdktn";
import {
  BootstrapScript,
  clusterCreateScript,
  clusterJoinScript,
  clusterQuorumWaitScript,
  LinkAddress,
  qdeviceClientInstallScript,
  qdeviceScript,
  qnetdInstallScript,
  remoteExecInline,
} from "../lib/bootstrap";
import { CorosyncLinkSpec, CorosyncSpec, NodeSpec, QDeviceSpec } from "../lib/model/spec-types";
import { EmitContext } from "./emit-context";
import { ClusterDefinitionError } from "./errors";
import { compact, NetworkRef, refName } from "./refs";
import { SshStep, StepParameter } from "./ssh-step";

export interface CorosyncProps {
  /** Keep `knet`: `udp`/`udpu` give up encryption and redundancy (C7). @default "knet" */
  readonly transport?: "knet" | "udp" | "udpu";
  /** votequorum two_node, an expert override (Q7). @default false */
  readonly twoNode?: boolean;
  /** Token coefficient in ms (C12). @default 125 */
  readonly tokenCoefficient?: number;
}

export interface CorosyncLinkOptions {
  /** The highest priority carries the traffic; ties go to the lower link number (C6). @default 0 */
  readonly priority?: number;
}

/**
 * Cluster membership: the corosync links (up to eight, each on its own
 * network), the optional QDevice, and the steps that form the cluster —
 * create on the first node with every link, then join the other nodes one at
 * a time, each passing its address on every link (C10), then the QDevice.
 */
export class Corosync extends Construct {
  private readonly links: CorosyncLinkSpec[] = [];
  private qdevice?: QDeviceSpec;

  constructor(
    scope: Construct,
    id: string,
    private readonly props: CorosyncProps = {},
  ) {
    super(scope, id);
  }

  /** Adds corosync link `linkId` (0–7) on `network`; every node needs an address there. */
  addLink(linkId: number, network: NetworkRef, options: CorosyncLinkOptions = {}): this {
    this.links.push(compact<CorosyncLinkSpec>({ id: linkId, network: refName(network), priority: options.priority }));
    return this;
  }

  /** Adds an external vote from a corosync-qnetd host (recommended for even node counts, Q3). */
  useQDevice(qdevice: QDeviceSpec): this {
    this.qdevice = qdevice;
    return this;
  }

  toSpec(): CorosyncSpec {
    return compact<CorosyncSpec>({ ...this.props, links: [...this.links], qdevice: this.qdevice });
  }

  /** @internal */
  _emit(ctx: EmitContext): void {
    const model = ctx.model;
    const corosync = model.body.corosync;
    const clusterName = model.name;
    const links = [...(corosync?.links ?? [])].sort((a, b) => a.id - b.id);
    const [first, ...joiners] = model.nodes;
    if (corosync?.twoNode) {
      ctx.notes.push(`/spec/corosync/twoNode: two_node is not set by the bootstrap; edit the quorum section of /etc/pve/corosync.conf by hand (Q7)`);
    }

    const linkAddresses = (node: NodeSpec): LinkAddress[] =>
      links.map((l) => {
        const address = model.addressOf(node.name, l.network);
        if (!address) {
          throw new ClusterDefinitionError(
            model.nodePath(node.name, "addresses"),
            `node "${node.name}" has no address on network "${l.network}", which carries corosync link ${l.id}`,
          );
        }
        return compact<LinkAddress>({ link: l.id, address, priority: l.priority });
      });
    const linkParameters = (addresses: LinkAddress[]): Record<string, StepParameter> =>
      Object.fromEntries(addresses.map((a) => [`link${a.link}`, a.address]));
    const step = (id: string, node: NodeSpec, script: BootstrapScript, parameters: Record<string, StepParameter | undefined>, dependsOn: readonly ITerraformDependable[]) =>
      ctx.nodeStep(this, id, script, node, parameters, dependsOn);

    const firstAddresses = linkAddresses(first);
    const create = ctx.script("/spec/corosync", () =>
      clusterCreateScript({ clusterName, links: firstAddresses, tokenCoefficient: corosync?.tokenCoefficient, nodeName: first.name }),
    );
    // Every node's network is in place before corosync starts using it.
    const created = ctx.register(
      step("create", first, create, { cluster: clusterName, ...linkParameters(firstAddresses), token_coefficient: corosync?.tokenCoefficient }, ctx.networkResources),
      "cluster-create",
      "cluster_create",
    );
    const memberSteps = new Map<string, SshStep>([[first.name, created]]);

    const existingNode = ctx.sshHost(first);
    let previous: SshStep = created;
    for (const node of joiners) {
      const addresses = linkAddresses(node);
      const join = ctx.script(model.nodePath(node.name), () => clusterJoinScript({ clusterName, existingNode, links: addresses, nodeName: node.name }));
      // Joins take a cluster-wide lock, so each waits for the previous one (N6).
      previous = ctx.register(
        step(`join-${node.name}`, node, join, { cluster: clusterName, existing_node: first.name, existing_address: existingNode, ...linkParameters(addresses) }, [previous]),
        "cluster-join",
        "cluster_join",
        node.name,
      );
      memberSteps.set(node.name, previous);
    }
    if (joiners.length > 0) {
      const wait = ctx.script("/spec/nodes", () => clusterQuorumWaitScript({ expectedNodes: model.nodes.length }));
      previous = ctx.register(
        step("quorum-wait", first, wait, { expected_nodes: model.nodes.length }, [previous]),
        "cluster-join",
        "cluster_quorum_wait",
      );
    }

    const qdevice = corosync?.qdevice;
    if (qdevice) {
      const path = "/spec/corosync/qdevice/host";
      const qnetdInstall = qnetdInstallScript();
      const qnetd = ctx.register(
        new SshStep(this, "qnetd-install", {
          kind: qnetdInstall.step,
          node: qdevice.host,
          host: qdevice.host,
          inline: remoteExecInline(qnetdInstall),
          preventDestroy: ctx.preventDestroy,
        }),
        "qdevice",
        "qnetd_install",
      );
      // Every member needs the QDevice client before `pvecm qdevice setup` runs.
      const clients = model.nodes.map((node) =>
        ctx.register(
          step(`qdevice-client-${node.name}`, node, qdeviceClientInstallScript(), {}, [memberSteps.get(node.name) ?? created]),
          "qdevice",
          "qdevice_client_install",
          node.name,
        ),
      );
      const setup = ctx.script(path, () => qdeviceScript({ qnetdHost: qdevice.host }));
      previous = ctx.register(
        step("qdevice", first, setup, { qnetd_host: qdevice.host }, [previous, qnetd, ...clients]),
        "qdevice",
        "qdevice",
      );
    }
    ctx.clusterFormed = previous;
  }
}
