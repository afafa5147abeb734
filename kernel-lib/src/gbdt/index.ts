/**
 * Gradient-boosted regression trees with XGBoost's exact greedy algorithm and regularised objective,
 * prediction, the five importance types, exact path-dependent TreeSHAP and SHAP interaction values, K-fold
 * cross-validation and train/test split, model JSON, and SHAP plots. Golden tests: test/gbdt.test.ts against
 * python3-xgboost 1.7 (test/reference/gbdt).
 */
export { gbdtDesign } from "./design";
export { IMPORTANCE_TYPES, featureImportance, allImportances } from "./importance";
export type { ImportanceType } from "./importance";
export { GBDT_FORMAT, trainGbdt, predictGbdt, modelToJson, saveModel, loadModel, fromXgboostJson } from "./model";
export type { GbdtModel, FitOptions, GbdtModelJson } from "./model";
export { meanAbsShap, shapBarFigure, shapBeeswarmFigure, strongestInteraction, shapDependenceFigure } from "./plots";
export type { ShapPlotOptions, DependenceOptions } from "./plots";
export { shapImportance } from "./result";
export { shapValues, expectedValue, shapInteractionValues } from "./shap";
export type { ShapOptions } from "./shap";
export type { GbdtTree, GbdtParams } from "./tree";
export { regressionMetrics, trainTestSplit, kFolds, holdout, crossValidate } from "./validate";
export type { Accuracy, Split, HoldoutResult, CvResult } from "./validate";
