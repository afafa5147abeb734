/**
 * Causal inference for place-based policy evaluation: two-way FE DID with staggered adoption, event studies,
 * placebo (permutation) tests, Callaway–Sant'Anna, Sun–Abraham, the Goodman-Bacon decomposition, propensity
 * scores, matching, balance (pstest / MatchIt), ATT with Abadie–Imbens SEs and PSM-DID.
 */
export { twfeDid } from "./did";
export type { DidOptions, DidResult } from "./did";
export { eventStudy, eventStudyFigure } from "./eventStudy";
export type { EventStudyOptions, EventStudyResult, EventRow } from "./eventStudy";
export { placeboTest, placeboFigure } from "./placebo";
export type { PlaceboOptions, PlaceboResult } from "./placebo";
export { callawaySantAnna } from "./callawaySantAnna";
export type { CsOptions, CsResult, GtCell, Aggregation, AggRow } from "./callawaySantAnna";
export { sunAbraham } from "./sunAbraham";
export type { SunAbrahamOptions, SunAbrahamResult } from "./sunAbraham";
export { bacon } from "./bacon";
export type { BaconResult, BaconComponent } from "./bacon";
export { pscore, binaryGlm } from "./pscore";
export type { Link, PscoreOptions, PscoreResult } from "./pscore";
export { matchScores, attFromWeights, abadieImbens } from "./matching";
export type { MatchOptions, MatchResult, MatchMethod, MatchOrder } from "./matching";
export { balanceTable, scoreDensityFigure } from "./balance";
export type { BalanceRow } from "./balance";
export { psm } from "./psm";
export type { PsmOptions, PsmResult } from "./psm";
export { psmDid } from "./psmDid";
export type { PsmDidOptions, PsmDidResult } from "./psmDid";
export { stagger } from "./util";
export type { Stagger, StaggerSpec, VcovChoice } from "./util";
export { wildClusterBootstrap, exactRandomization } from "./wildBootstrap";
export type { WildBootstrapOptions, WildBootstrapResult, ExactRandomizationOptions, ExactRandomizationResult } from "./wildBootstrap";
