import { BootstrapScript } from "./shell";

/**
 * Escapes text for a Terraform string template: `${` and `%{` start
 * interpolations and directives, `$${` and `%%{` are their literal forms.
 * Every string in a `.tf.json` file is such a template.
 */
export function escapeTerraformTemplate(text: string): string {
  // Replacement functions, because "$$" in a replacement string means a single "$".
  return text.replace(/\$\{/g, () => "$${").replace(/%\{/g, () => "%%{");
}

/**
 * The script as lines for a `remote-exec` provisioner's `inline` argument.
 *
 * - The first line is the script's `#!/bin/bash`: remote-exec joins the lines
 *   into one file and a leading shebang makes it run under bash.
 * - The lines are already escaped for Terraform templates (bash's `${var}`
 *   becomes `$${var}`), so Terraform hands the node exactly the script text.
 *   Put them into the synthesized JSON as they are: do not escape them again
 *   and do not wrap them in `Fn.rawString`.
 */
export function remoteExecInline(s: BootstrapScript): string[] {
  const lines = s.script.replace(/\n$/, "").split("\n");
  if (!lines[0].startsWith("#!/bin/bash")) {
    throw new Error(`remoteExecInline: script of step "${s.step}" does not start with #!/bin/bash`);
  }
  return lines.map(escapeTerraformTemplate);
}
