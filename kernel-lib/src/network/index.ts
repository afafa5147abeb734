/**
 * kernel-lib network engine: directed weighted graphs (CSR), Gephi's indicators, seeded Louvain, Borgatti–Everett
 * core–periphery, and the paper's concentration indices C1/C2. Conventions and their differences from igraph and
 * networkx are documented in each module and tested in test/network*.test.ts against test/reference/network.
 */
export { NetGraph, buildGraph, toUndirected, adjacencyMatrix } from "./graph";
export type { EdgeInput, GraphOptions } from "./graph";
export { nodeDegrees, averageDegree, averageWeightedDegree, density, clustering, distances, networkIndicators } from "./indicators";
export type { NodeRow, ClusteringResult, DistanceResult, NetworkIndicators } from "./indicators";
export { louvain, modularity } from "./louvain";
export type { LouvainOptions, LouvainResult } from "./louvain";
export {
  continuousCorePeriphery, continuousFit, corenessClasses, gini, discreteCorePeriphery, discreteFit, corePeripheryLinkageGini,
} from "./corePeriphery";
export type { ContinuousOptions, ContinuousResult, CorenessClass, DiscreteResult } from "./corePeriphery";
export { rankValues, rangeStandardize, concentrationIndex, c1, c2 } from "./concentration";
export type { SortRule, TieRule, ConcentrationOptions, C1Row, C2Row, C2Result } from "./concentration";
