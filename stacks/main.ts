import { App } from "cdktn";
import { MinimalStack } from "./minimal-stack";

const app = new App({ outdir: process.env.CDKTN_OUTDIR ?? "cdktf.out" });
new MinimalStack(app, "minimal");
app.synth();
