export { describe } from "./describe";
export type { DescribeRow, DescribeOptions } from "./describe";
export { DataError } from "./errors";
export type { DataIssue } from "./errors";
export { projectRoot, loadManifest, sha256Of, DataSourceError, localDataFile, dataFile, rawDataFile, prepare,
  prepareCensus, referenceFile } from "./manifest";
export type { Manifest, ManifestEntry, DataFileOptions, ResolvedDataFile } from "./manifest";
export { panelStructure, shiftWithin, lagWithin, leadWithin, log1p, ln, quantile, winsorize, deflate,
  groupSummary, moments } from "./panel";
export type { PanelStructure, QuantileDefinition, GroupStats } from "./panel";
export { defineDataset, keyColumns, cellSchema, cellCheck, parseSchemaFile } from "./schema";
export type { ColumnSpec, NumberColumn, StringColumn, DatasetSpec } from "./schema";
export { MISSING_MARKERS, Table, readTable, readFrame, requireUniqueKey, requireVariation, requireDistinct } from "./table";
export type { Column, ReadOptions } from "./table";
export { isDataFrame, tableFromFrame, toTable } from "./frame";
export { openData, studySchema, projectDataPath } from "./open";
export type { OpenedData } from "./open";
export { loadStudyModule } from "./study";
export { droppedRows, droppedText } from "./report";
export type { DroppedRows, Convergence } from "./report";
export { formatFloat64, formatFloat32, exactSum, roundDecimals } from "./csvText";
export { StataFormatError, readStata } from "./stata";
export type { StataType, StataVariable, StataDataset } from "./stata";
export { PanelTransformError, PANEL_TRANSFORMS } from "./panels";
export type { PanelTransformName } from "./panels";
