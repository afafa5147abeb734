export * from "./emit";
export * from "./english";
export * from "./figure";
export * from "./html";
export * from "./plot";
export * from "./regtable";
export * from "./svg";
export * from "./table";
