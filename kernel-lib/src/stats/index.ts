export { twoProportionTest, fisherExact } from "./proportions";
export type { Alternative, TwoProportionResult, FisherResult } from "./proportions";
export { growthMultiple, cagr, compound, doublingTime, cagrRange, multiplicativeDecomposition, additiveDecomposition,
  structuralChange } from "./growth";
export type { GrowthFactor, MultiplicativeRow, MultiplicativeDecomposition, AdditiveRow, AdditiveDecomposition } from "./growth";
export { logisticCurve, logisticFit, LogisticFit } from "./logistic";
export type { LogisticOptions, LogisticPrediction, LogisticTerm } from "./logistic";
