// Tests never talk to Terraform's checkpoint service and never read a user's CLI config.
process.env.CHECKPOINT_DISABLE = "1";
process.env.CDKTN_DISABLE_CREATION_STACK = process.env.CDKTN_DISABLE_CREATION_STACK || "1";
