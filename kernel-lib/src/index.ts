/**
 * kernel-lib: the solver library behind regionlab's notebooks.
 * Foundation modules: data (reading, validation, panel verbs, manifest), display (tables, regression
 * tables, inline figures), ledger (printed numbers beside ours), rng (one seeded generator).
 */
export {
  normalCdf, normalUpper, normalTwoSided, normalQuantile, tCdf, tUpper, tTwoSided, tQuantile,
  chiSquaredCdf, chiSquaredUpper, chiSquaredQuantile, fCdf, fUpper, fQuantile, lnGamma, lnBeta,
} from "./core/distributions";
export { pearsonCorrelation } from "./core/correlation";
export * from "./data";
export * from "./display";
export * from "./ledger";
export * from "./rng";
export * from "./stats";
export * from "./geo";
export * from "./panel";
export * from "./dea";
export * as qca from "./qca";
export * as network from "./network";
export * as causal from "./causal";
export * from "./spatial";
export * from "./indices";
export { moments } from "./study/moments";
export type { Moments } from "./study/moments";
export * as gbdt from "./gbdt";
export { trainGbdt, predictGbdt, shapValues, shapInteractionValues, expectedValue, featureImportance, allImportances, crossValidate, holdout, regressionMetrics, saveModel as saveGbdtModel, loadModel as loadGbdtModel, fromXgboostJson, shapBarFigure, shapBeeswarmFigure, shapDependenceFigure, gbdtDesign } from "./gbdt";
export type { GbdtModel, GbdtParams, ImportanceType, CvResult, HoldoutResult } from "./gbdt";
export {
  stars, starLevels, starLegend, provenanceOf, byProvenance, provenanceNote, STATA_CONSTANT, stataConstant,
  constantFromMeans, withStataConstant, LedgerOurs, ledgerOurs, record, fillMissing, printedTable, besidePaper,
  entriesOf, plantedRecovery, calibrationTargets, studyFilePath, openStudyFile, valuesById,
} from "./study";
export type {
  StarRule, DataKind, DataProvenance, StataConstant, RecordOptions, PrintedTableOptions, BesidePaperOptions, PlantedRow,
  PlantedCheck, PlantedRecovery, StudyGenerator, GeneratedStudy,
} from "./study";
export { version } from "./version";
export * as cli from "./cli";
export { replicate, parseSet } from "./runner/replicate";
export { realSeries } from "./study/real-series";
