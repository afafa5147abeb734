// Types for the parts of jStat (https://github.com/jstat/jstat) that kernel-lib uses; jstat ships none.
declare module "jstat" {
  interface Continuous {
    pdf(x: number, ...params: number[]): number;
    cdf(x: number, ...params: number[]): number;
    inv(p: number, ...params: number[]): number;
  }
  interface JStatStatic {
    normal: Continuous;
    studentt: Continuous;
    chisquare: Continuous;
    centralF: Continuous;
    beta: Continuous;
    gamma: Continuous;
    gammaln(x: number): number;
    betafn(a: number, b: number): number;
    ibeta(x: number, a: number, b: number): number;
    lowRegGamma(a: number, x: number): number;
  }
  const jStat: JStatStatic;
  export default jStat;
  export { jStat };
}
