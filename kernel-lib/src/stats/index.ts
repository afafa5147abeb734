export * from "./proportions";
export * from "./growth";
export * from "./logistic";
