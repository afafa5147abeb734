/** Composite indices: entropy weights, entropy-TOPSIS, obstacle degree, CV, Theil, Gini, coupling coordination. */
export { minMaxStandardize, entropyWeightsOf, entropyIndex, entropyTopsis, obstacleDegree } from "./entropy";
export type { Direction, EntropyOptions, IndicatorWeight, EntropyResult, TopsisResult, ObstacleResult } from "./entropy";
export { coefficientOfVariation, theil, giniCoefficient, couplingCoordination, COORDINATION_LEVELS } from "./inequality";
export type { TheilResult, CouplingResult } from "./inequality";
export { rankSize, primacyIndices, topKShare, herfindahl, rankSizePolycentricity, marketAccess } from "./spatialStructure";
export type { RankSizeResult, PrimacyResult, ConcentrationResult, MarketAccessOptions, MarketAccessRow } from "./spatialStructure";
