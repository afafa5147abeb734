/**
 * Fuzzy-set QCA (issue 9): calibration, necessity, truth table, Boolean minimisation (complex, parsimonious,
 * intermediate), parameters of fit, core/peripheral conditions, configuration chart, robustness sweeps and
 * panel (between/within) consistency. Expressions use R QCA's notation: `*` AND, `+` OR, `~` NOT.
 */
export { fuzzyNot, fuzzyAnd, fuzzyOr, sufficiency, necessity } from "./sets";
export type { Membership, SufficiencyFit, NecessityFit } from "./sets";
export { CalibrationError, calibrateDirect, directCalibrator, calibrateCrisp, calibrateIndirect, crossoverCheck } from "./calibrate";
export type { Anchors, CalibrationVariant, DirectOptions, CrossoverCase } from "./calibrate";
export { QcaInputError, qcaData, truthTable, truthTableRows } from "./truthTable";
export type { QcaData, OutValue, TruthTableRow, TruthTableOptions, TruthTable } from "./truthTable";
export { necessityTable } from "./necessity";
export type { NecessityRow } from "./necessity";
export { parseTerm, solutionFit, minimize, parseDirExp } from "./minimize";
export type { SolutionType, DirExp, TermFit, Term, Solution, MinimizeOptions, MinimizeResult } from "./minimize";
export { PRESENT, ABSENT, configurationChart } from "./chart";
export type { ChartOptions, ConfigurationChart } from "./chart";
export { analyse } from "./analysis";
export type { CalibrationSpec, AnalysisSpec, Analysis } from "./analysis";
export { robustnessSweep } from "./robustness";
export type { SweepGrid, SweepRow } from "./robustness";
export { panelConsistency } from "./panel";
export type { PanelFitRow, PanelConsistency } from "./panel";
