export * from "./code-list";
export * from "./threat-areas";
export * from "./ethnicity";
export * from "./answers";
export * from "./phia";
export * from "./questions";
export * from "./fields";
export * from "./conditions";
