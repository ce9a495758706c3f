export * from "./code-list";
export * from "./threat-areas";
export * from "./ethnicity";
export * from "./answers";
export * from "./phia";
export * from "./fields";
