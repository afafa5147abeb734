export { ESTIMATES_MIME, isDisplayable, inNotebook, show, markdown, html } from "./emit";
export type { MimeBundle, EstimatesPayload, Displayable } from "./emit";
export { registerEnglish, toPinyin, englishFor, withEnglish, figureWithEnglish } from "./english";
export { COLOR_SCALES, DEFAULT_COLORS, resolveScale, colorAt, colorRange, lineTrace } from "./figure";
export type { ColorScale, Marker, Trace, Axis, Layout, Shape, Figure } from "./figure";
export { escapeHtml, formatNumber, captionFor, TABLE_CSS, textWithEnglish, captionHtml, htmlTable, textTable,
  displayWidth } from "./html";
export type { Provenance, Cell, HtmlTableOptions } from "./html";
export { plotlyScriptTag, resetPlotly, PlotlyFigure, figure, plot } from "./plot";
export type { PlotOptions } from "./plot";
export { STARS_STATA, STARS_R, starsFor, RegressionTable, regressionTable } from "./regtable";
export type { TidyRow, Glance, ModelLike, RegColumn, StarLevels, RegTableOptions } from "./regtable";
export { niceTicks, categoryOrder, figureToSvg } from "./svg";
export type { SvgOptions } from "./svg";
export { DataTable, table } from "./table";
export { diagramNode, flowDiagram, listTimeline, wrapText } from "./diagram";
export type { DiagramNode, DiagramEdge, DiagramOptions, TimelineEvent, TimelineOptions } from "./diagram";
