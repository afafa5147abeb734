/**
 * Spatial econometrics: weights, Moran's I and LISA, ML SAR/SEM/SDM (cross-section and Elhorst panels with
 * the Lee–Yu correction), LM/LR/Wald specification tests and LeSage–Pace effects.
 */
export { SpatialWeights, alignWeights, distance, knnWeights, distanceBandWeights, inverseDistanceWeights, economicGeographicWeights, economicDistanceNestedWeights, contiguityWeights, readWeightsCsv, writeWeightsCsv, weightsToCsv, weightsToEdgeList, writeEdgeList, readEdgeList } from "./weights";
export type { SpatialPoint, Metric, PointWeightsOptions, ContiguityOptions } from "./weights";
export { moranI, localMoran, moranScatterPlot, lisaClusterMap, moranPValue } from "./moran";
export type { MoranAlternative, MoranResult, MoranOptions, LocalMoranResult, Quadrant } from "./moran";
export { logDet, eigenLogDet, mcLogDet, luLogDet, EIGEN_MAX_N } from "./logdet";
export type { LogDet, LogDetMethod } from "./logdet";
export { fitSpatial, stackedLag, demeanStacked, solveIminusRhoW, olsLogLik } from "./ml";
export type { SpatialModel, FixedEffects, PanelLag, SpatialFit, CoefficientRow, SpatialModelInput } from "./ml";
export { impacts } from "./effects";
export type { Impact, ImpactOptions } from "./effects";
export { lmTests, lrTest, waldTests } from "./tests";
export type { LMTests, SpatialTestResult } from "./tests";
export { spatialData, spatialRegression, specificationTests, parseSpatialFormula } from "./regression";
export type { SpatialData, SpatialDataOptions, SpatialRegressionOptions, SpatialRegressionResult, SpecificationSearch } from "./regression";
