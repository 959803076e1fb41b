import { Construct } from "constructs";
import { LocalBackend, TerraformStack } from "cdktn";
import { ProxmoxProvider } from "../.gen/providers/proxmox/provider";
import { NetworkLinuxBridge } from "../.gen/providers/proxmox/network-linux-bridge";
import { VirtualEnvironmentVm } from "../.gen/providers/proxmox/virtual-environment-vm";

/**
 * The smallest useful pvecdk stack: one bridge and one VM on one node.
 * It proves the pipeline (generated bindings → cdktn → Terraform JSON) end to end.
 * Credentials are never written: the provider reads PROXMOX_VE_ENDPOINT and
 * PROXMOX_VE_API_TOKEN from the environment when Terraform runs.
 */
export class MinimalStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    // A relative path keeps the synthesized JSON free of the synthesizing machine's folders.
    new LocalBackend(this, { path: "terraform.tfstate" });
    new ProxmoxProvider(this, "proxmox", {});

    const bridge = new NetworkLinuxBridge(this, "vmbr1", {
      nodeName: "pve1",
      name: "vmbr1",
      comment: "guest bridge",
      vlanAware: true,
      mtu: 1500,
    });

    new VirtualEnvironmentVm(this, "demo-vm", {
      nodeName: "pve1",
      vmId: 1000,
      name: "demo-vm",
      started: false,
      cpu: { cores: 2, type: "x86-64-v2-AES" },
      memory: { dedicated: 2048 },
      disk: [{ interface: "scsi0", datastoreId: "local-lvm", size: 16 }],
      dependsOn: [bridge],
    });
  }
}
