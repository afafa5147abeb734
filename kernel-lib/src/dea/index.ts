/**
 * DEA and productivity indices: CCR/BCC, additive, SBM, super-SBM (with undesirable outputs), directional
 * distance functions; contemporaneous/global/sequential/window reference sets; DEAP 2.1 Malmquist;
 * Malmquist–Luenberger and global ML. LP core: lp.ts (dense two-phase simplex; javascript-lp-solver as
 * cross-check backend).
 */
export { solveLP, simplex, solveWithJsLpSolver, PIVOT_TOL, OPT_TOL, FEAS_TOL } from "./lp";
export type { LinearProgram, LpOp, LpStatus, LpBackend, LpSolution } from "./lp";
export { DeaInputError, checkData as checkDeaData, deaDataFrom } from "./data";
export type { DeaColumns } from "./data";
export type { DeaData } from "./data";
export type { Rts, Orientation, ModelKind as DeaModelKind } from "./models";
export { dea, EFF_TOL as DEA_EFF_TOL } from "./run";
export type { DeaResults } from "./run";
export type { DeaOptions, DeaResult, DeaPeer, DeaModelName, Frontier } from "./run";
export { malmquist, productivityIndex } from "./malmquist";
export type { MalmquistResult, MalmquistRow, MalmquistMeans, MalmquistOptions, DeapDistanceRow, ProductivityOptions, ProductivityResult, IndexKind } from "./malmquist";
