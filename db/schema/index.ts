export * from "./reference";
export * from "./organisations";
export * from "./users";
export * from "./api-tokens";
export * from "./disclosures";
export * from "./agreements";
export * from "./recorded-crime";
export * from "./audit";
