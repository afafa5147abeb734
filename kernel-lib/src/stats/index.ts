export * from "./proportions";
