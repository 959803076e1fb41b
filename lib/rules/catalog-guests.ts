import { Rule } from "./rule";

/** Rules of catalog sections G–M: storages, HA, migration, templates, VMIDs, bridges, IP consistency. */
export const GUEST_RULES: readonly Rule[] = [];
