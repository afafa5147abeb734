export * from "./outline";
export * from "./greatCircle";
export * from "./bands";
export * from "./gravity";
export * from "./flowMap";
export * from "./valueMap";
