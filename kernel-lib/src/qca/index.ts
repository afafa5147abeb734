/**
 * Fuzzy-set QCA (issue 9): calibration, necessity, truth table, Boolean minimisation (complex, parsimonious,
 * intermediate), parameters of fit, core/peripheral conditions, configuration chart, robustness sweeps and
 * panel (between/within) consistency. Expressions use R QCA's notation: `*` AND, `+` OR, `~` NOT.
 */
export * from "./sets";
export * from "./calibrate";
export * from "./truthTable";
export * from "./necessity";
export * from "./boolean";
export * from "./minimize";
export * from "./chart";
export * from "./analysis";
export * from "./robustness";
export * from "./panel";
