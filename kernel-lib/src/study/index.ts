/**
 * The study kit: what every notebook needs around its estimators — star rules, data provenance and its wording,
 * ledger recording of fits, the constant as Stata prints it, printed tables from published.json, the paper beside
 * ours, planted-value recovery and the generator contract.
 */
export { stars, starLevels, starLegend } from "./stars";
export type { StarRule } from "./stars";
export { provenanceOf, byProvenance, provenanceNote } from "./provenance";
export type { DataKind, DataProvenance } from "./provenance";
export { STATA_CONSTANT, stataConstant, constantFromMeans, withStataConstant } from "./constant";
export type { StataConstant } from "./constant";
export { LedgerOurs, ledgerOurs, record, fillMissing } from "./record";
export type { RecordOptions } from "./record";
export { printedTable, besidePaper, entriesOf } from "./tables";
export type { PrintedTableOptions, BesidePaperOptions } from "./tables";
export { plantedRecovery } from "./planted";
export type { PlantedRow, PlantedCheck, PlantedRecovery } from "./planted";
export { calibrationTargets } from "./generator";
export type { StudyGenerator, GeneratedStudy } from "./generator";
export { studyFilePath, openStudyFile, valuesById } from "./files";
export { timed } from "./timed";
export { feFormula } from "./formula";
