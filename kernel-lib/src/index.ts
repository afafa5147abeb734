/**
 * kernel-lib: the solver library behind regionlab's notebooks. The public entry point lists every export by
 * name, grouped by module; internal helpers (linear algebra, LP and sparse-LU internals, CSV number text, the
 * manifest's panel transforms, ...) are reached only from inside kernel-lib. qca, network, causal and gbdt are
 * also exported as namespaces. The study kit (kernel-lib/src/study/) is listed last.
 */
export type { ModelResult, GlanceRow, TidyRow as ResultRow } from "./core/result";
export { pearsonCorrelation } from "./core/correlation";
export { normalCdf, normalUpper, normalTwoSided, normalQuantile, tCdf, tUpper, tTwoSided, tQuantile, chiSquaredCdf,
  chiSquaredUpper, chiSquaredQuantile, fCdf, fUpper, fQuantile, lnGamma, lnBeta } from "./core/distributions";
export { describe } from "./data/describe";
export type { DescribeRow, DescribeOptions } from "./data/describe";
export { DataError } from "./data/errors";
export type { DataIssue } from "./data/errors";
export { isDataFrame, tableFromFrame, toTable } from "./data/frame";
export { projectRoot, loadManifest, sha256Of, dataFile, rawDataFile, prepareCensus, referenceFile, DataSourceError } from "./data/manifest";
export type { Manifest, ManifestEntry, DataFileOptions, ResolvedDataFile } from "./data/manifest";
export { openData, studySchema, projectDataPath } from "./data/open";
export type { OpenedData } from "./data/open";
export { panelStructure, log1p, ln, quantile, winsorize, deflate, groupSummary, lagWithin, leadWithin } from "./data/panel";
export type { PanelStructure, QuantileDefinition, GroupStats } from "./data/panel";
export { PanelTransformError, PANEL_TRANSFORMS } from "./data/panels";
export type { PanelTransformName } from "./data/panels";
export { droppedText, droppedRows } from "./data/report";
export type { DroppedRows, Convergence } from "./data/report";
export { defineDataset, keyColumns } from "./data/schema";
export type { ColumnSpec, NumberColumn, StringColumn, DatasetSpec } from "./data/schema";
export { readStata, StataFormatError } from "./data/stata";
export type { StataType, StataVariable, StataDataset } from "./data/stata";
export { loadStudyModule } from "./data/study";
export { readTable, readFrame, requireUniqueKey, requireVariation, requireDistinct, MISSING_MARKERS, Table } from "./data/table";
export type { Column, ReadOptions } from "./data/table";
export { isDisplayable, inNotebook, show, markdown, html, ESTIMATES_MIME } from "./display/emit";
export type { MimeBundle, EstimatesPayload, Displayable } from "./display/emit";
export { registerEnglish, toPinyin, englishFor, withEnglish, figureWithEnglish } from "./display/english";
export { resolveScale, colorAt, colorRange, lineTrace, COLOR_SCALES, DEFAULT_COLORS } from "./display/figure";
export type { ColorScale, Marker, Trace, Axis, Layout, Shape, Figure } from "./display/figure";
export { escapeHtml, formatNumber, captionFor, textWithEnglish, captionHtml, htmlTable, textTable, displayWidth,
  TABLE_CSS } from "./display/html";
export type { Provenance, Cell, HtmlTableOptions } from "./display/html";
export { plotlyScriptTag, resetPlotly, figure, plot, PlotlyFigure } from "./display/plot";
export type { PlotOptions } from "./display/plot";
export { starsFor, regressionTable, STARS_STATA, STARS_R, RegressionTable } from "./display/regtable";
export type { TidyRow, Glance, ModelLike, RegColumn, StarLevels, RegTableOptions } from "./display/regtable";
export { niceTicks, categoryOrder, figureToSvg } from "./display/svg";
export type { SvgOptions } from "./display/svg";
export { table, DataTable } from "./display/table";
export { loadPublished, printedValue, toleranceOf, judge, emptyCounts, countsText, compare, LEDGER_MIME,
  PublishedSchema, COUNTED_STATUSES, STATUS_LABEL, LedgerComparison } from "./ledger/index";
export type { LedgerEntry, Published, Status, CountedStatus, LedgerCounts, Ours, ComparedRow, LedgerSummary,
  CompareOptions } from "./ledger/index";
export { seedsUsed, createRng, formatSeeds, Rng } from "./rng/index";
export type { SeedRecord } from "./rng/index";
export { calibratedPanelVariable } from "./rng/synthetic";
export type { CalibratedVariableOptions } from "./rng/synthetic";
export { growthMultiple, cagr, compound, doublingTime, cagrRange, multiplicativeDecomposition, additiveDecomposition,
  structuralChange } from "./stats/growth";
export type { GrowthFactor, MultiplicativeRow, MultiplicativeDecomposition, AdditiveRow, AdditiveDecomposition } from "./stats/growth";
export { logisticCurve, logisticFit, LogisticFit } from "./stats/logistic";
export type { LogisticOptions, LogisticPrediction, LogisticTerm } from "./stats/logistic";
export { twoProportionTest, fisherExact } from "./stats/proportions";
export type { Alternative, TwoProportionResult, FisherResult } from "./stats/proportions";
export { bandsFrom, distanceBand, bandShares, shareWithin, PAPER_BANDS } from "./geo/bands";
export type { DistanceBand } from "./geo/bands";
export { regionPolygonTraces, flowTraces, pointTraces, flowMap } from "./geo/flowMap";
export type { MapPoint, MapFlow, FlowMapOptions } from "./geo/flowMap";
export { gravityFlows, fitGravity } from "./geo/gravity";
export type { GravityParams, GravityFlow, GravityFit } from "./geo/gravity";
export { greatCircleKm, distanceMatrix, EARTH_RADIUS_KM } from "./geo/greatCircle";
export type { GeoPoint } from "./geo/greatCircle";
export { readGeoJson, outlineTrace, mapAxes } from "./geo/outline";
export { valueMap, mapColorValues, pointValueMap, provinceChoropleth } from "./geo/valueMap";
export type { ValuePoint, MapMark, ValueMapOptions, PointValue, UnitPoints, UnitMapOptions } from "./geo/valueMap";
export type { GeoFeature, FeatureCollection, OutlineOptions } from "./geo/outline";
export { asTable } from "./panel/design";
export type { PanelData } from "./panel/design";
export { feols, panel } from "./panel/estimate";
export type { FeolsOptions, PanelOptions, PanelModel, PanelEffect } from "./panel/estimate";
export { parseFormula, FormulaError } from "./panel/formula";
export type { Formula } from "./panel/formula";
export { ivreg } from "./panel/iv";
export type { IvResult, IvOptions } from "./panel/iv";
export { ivDiagnostics, stockYogo } from "./panel/ivdiag";
export type { IvDiagOptions, IvDiagnostics } from "./panel/ivdiag";
export { sobel, mediation, margins, center } from "./panel/mediation";
export type { SobelResult, MediationOptions, MediationResult } from "./panel/mediation";
export { PanelFit, pt2 } from "./panel/result";
export type { PanelTidyRow } from "./panel/result";
export { selection, osterFromMoments, aetRatio } from "./panel/selection";
export type { SelectionResult, SelectionOptions } from "./panel/selection";
export { pFtest, hausman, bpLM, vif, waldTest, chowTest, permutationTest } from "./panel/tests";
export type { TestResult, VifResult } from "./panel/tests";
export { threshold, thresholdGrid, thresholdLrCritical } from "./panel/threshold";
export type { ThresholdOptions, ThresholdResult, ThresholdEstimate, ThresholdTest } from "./panel/threshold";
export { iid, hetero, cluster, driscollKraay, plmClusterType, PRESETS, resolvePreset } from "./panel/vcov";
export type { VcovSpec, Preset, Ssc, HcType, DkConventions } from "./panel/vcov";
export { DeaInputError, checkDeaData, deaDataFrom } from "./dea";
export type { DeaColumns, DeaData } from "./dea";
export type { LpStatus, LpBackend } from "./dea";
export { malmquist, productivityIndex } from "./dea";
export type { MalmquistResult, MalmquistRow, MalmquistMeans, MalmquistOptions, DeapDistanceRow, ProductivityOptions,
  ProductivityResult, IndexKind } from "./dea";
export type { Rts, Orientation, DeaModelKind } from "./dea";
export { dea, DEA_EFF_TOL } from "./dea";
export type { DeaOptions, DeaResult, DeaResults, DeaPeer, DeaModelName, Frontier } from "./dea";
export { impacts } from "./spatial/effects";
export type { Impact, ImpactOptions } from "./spatial/effects";
export { logDet } from "./spatial/logdet";
export type { LogDet, LogDetMethod } from "./spatial/logdet";
export { fitSpatial } from "./spatial/ml";
export type { SpatialModel, FixedEffects, PanelLag, SpatialFit, CoefficientRow, SpatialModelInput } from "./spatial/ml";
export { moranI, localMoran, moranScatterPlot, lisaClusterMap } from "./spatial/moran";
export type { MoranAlternative, MoranResult, MoranOptions, LocalMoranResult, Quadrant } from "./spatial/moran";
export { spatialData, spatialRegression, specificationTests } from "./spatial/regression";
export type { SpatialData, SpatialDataOptions, SpatialRegressionOptions, SpatialRegressionResult, SpecificationSearch } from "./spatial/regression";
export { lmTests, lrTest, waldTests } from "./spatial/tests";
export type { LMTests, SpatialTestResult } from "./spatial/tests";
export { SpatialWeights, alignWeights, distance, knnWeights, distanceBandWeights, inverseDistanceWeights,
  economicGeographicWeights, economicDistanceNestedWeights, contiguityWeights, readWeightsCsv, writeWeightsCsv,
  weightsToCsv, weightsToEdgeList, writeEdgeList, readEdgeList } from "./spatial/weights";
export type { SpatialPoint, Metric, PointWeightsOptions, ContiguityOptions } from "./spatial/weights";
export { minMaxStandardize, entropyWeightsOf, entropyIndex, entropyTopsis, obstacleDegree } from "./indices/entropy";
export type { Direction, EntropyOptions, IndicatorWeight, EntropyResult, TopsisResult, ObstacleResult } from "./indices/entropy";
export { coefficientOfVariation, theil, giniCoefficient, couplingCoordination, COORDINATION_LEVELS } from "./indices/inequality";
export type { TheilResult, CouplingResult } from "./indices/inequality";
export { rankSize, primacyIndices, topKShare, herfindahl, rankSizePolycentricity, marketAccess } from "./indices/spatialStructure";
export type { RankSizeResult, PrimacyResult, ConcentrationResult, MarketAccessOptions, MarketAccessRow } from "./indices/spatialStructure";
export { gbdtDesign } from "./gbdt/design";
export { featureImportance, allImportances } from "./gbdt/importance";
export type { ImportanceType } from "./gbdt/importance";
export { trainGbdt, predictGbdt, saveModel as saveGbdtModel, loadModel as loadGbdtModel, fromXgboostJson } from "./gbdt/model";
export { shapImportance } from "./gbdt/result";
export type { GbdtModel } from "./gbdt/model";
export { shapBarFigure, shapBeeswarmFigure, shapDependenceFigure } from "./gbdt/plots";
export { shapValues, shapInteractionValues, expectedValue } from "./gbdt/shap";
export type { GbdtParams } from "./gbdt/tree";
export { crossValidate, holdout, regressionMetrics } from "./gbdt/validate";
export type { CvResult, HoldoutResult } from "./gbdt/validate";
export { replicate, parseSet } from "./runner/replicate";
export { version } from "./version";
import * as qca from "./qca";
import * as network from "./network";
import * as causal from "./causal";
import * as gbdt from "./gbdt";
export { qca, network, causal, gbdt };
// study kit (kernel-lib/src/study/)
export {
  stars, starLevels, starLegend, provenanceOf, byProvenance, provenanceNote, STATA_CONSTANT, stataConstant,
  constantFromMeans, withStataConstant, LedgerOurs, ledgerOurs, record, fillMissing, printedTable, besidePaper,
  entriesOf, plantedRecovery, calibrationTargets, studyFilePath, openStudyFile, valuesById, timed, feFormula,
} from "./study";
export { printedNote } from "./study/printed-note";
export type { PrintedNoteOptions } from "./study/printed-note";
export type {
  StarRule, DataKind, DataProvenance, StataConstant, RecordOptions, PrintedTableOptions, BesidePaperOptions, PlantedRow,
  PlantedCheck, PlantedRecovery, StudyGenerator, GeneratedStudy,
} from "./study";
export { diagramNode, flowDiagram, listTimeline, wrapText } from "./display/diagram";
export type { DiagramNode, DiagramEdge, DiagramOptions, TimelineEvent, TimelineOptions } from "./display/diagram";
export { fillSeries, realSeries, seriesByUnit, valueAtYear } from "./study/real-series";
export type { FillOptions, FillOrigin, FilledSeries, YearValue } from "./study/real-series";
export { anchoredFill } from "./study/anchored-fill";
export type { AnchoredFill } from "./study/anchored-fill";
export { moments } from "./study/moments";
export { ledgerCaption, paperTextNote, transcribedTable, coverageOf } from "./study/run-notes";
export type { Coverage } from "./study/run-notes";
export type { Moments } from "./study/moments";
export { fitsTable, coefficientDifference, plantedRowsOf } from "./study/fit-columns";
export type { FitColumn, FitsTableOptions, CoefficientDifference } from "./study/fit-columns";
export { describeBesidePaper } from "./study/describe-beside";
export type { DescribeStat } from "./study/describe-beside";
export { coverageNotes } from "./study/coverage";
export type { CoverageDimension, CoverageOptions } from "./study/coverage";
