/**
 * Gradient-boosted regression trees with XGBoost's exact greedy algorithm and regularised objective,
 * prediction, the five importance types, exact path-dependent TreeSHAP and SHAP interaction values, K-fold
 * cross-validation and train/test split, model JSON, and SHAP plots. Golden tests: test/gbdt.test.ts against
 * python3-xgboost 1.7 (test/reference/gbdt).
 */
export * from "./tree";
export * from "./model";
export * from "./shap";
export * from "./importance";
export * from "./validate";
export * from "./plots";
export * from "./design";
export { shapImportance, withGbdtResult } from "./result";
