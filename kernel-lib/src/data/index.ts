export * from "./describe";
export * from "./errors";
export * from "./manifest";
export * from "./panel";
export * from "./schema";
export * from "./table";
export * from "./open";
export * from "./study";
