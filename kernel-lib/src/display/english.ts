import { Axis, Figure, Trace } from "./figure";

/**
 * English beside every Chinese label a display helper draws. A study can register translations (its data
 * dictionary's indicator names); anything else (city and province names) gets its Hanyu Pinyin from
 * pinyin-pro, which resolves polyphonic characters from context (重庆 → Chongqing, 长治 → Changzhi).
 */

const HAN_RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/g;
const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
const LATIN = /[A-Za-z]/;

const glossary = new Map<string, string>();

type PinyinFn = (text: string, opts: { toneType: "none"; type: "array" }) => string[];
let pinyinFn: PinyinFn | null = null;

/** pinyin-pro, loaded on first use (its dictionary costs about half a second and 15 MB at startup). */
function pinyin(text: string): string[] {
  if (!pinyinFn) {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const lib = require("pinyin-pro") as { pinyin: PinyinFn; customPinyin(map: Record<string, string>): void };
    // Where pinyin-pro's reading of a place name differs from the official romanisation (checked against
    // pypinyin over all prefecture names in test/reference/display/): 喀什 is Kashi, not "Kashen".
    lib.customPinyin({ 喀什: "kā shí" });
    pinyinFn = lib.pinyin;
  }
  return pinyinFn(text, { toneType: "none", type: "array" });
}

/** Register English for Chinese labels (exact text → English), e.g. from a study's data dictionary. */
export function registerEnglish(entries: Record<string, string>): void {
  for (const [zh, en] of Object.entries(entries)) glossary.set(zh, en);
}

// Official spellings that are not plain pinyin: Shaanxi doubles its a to tell 陕西 from 山西 (Shanxi).
const OFFICIAL_SYLLABLES: Record<string, string[]> = { 陕西: ["shaan", "xi"] };
const OFFICIAL = new RegExp(`(${Object.keys(OFFICIAL_SYLLABLES).join("|")})`);

function syllablesOf(run: string): string[] {
  return run
    .split(OFFICIAL)
    .filter(Boolean)
    .flatMap((part) => OFFICIAL_SYLLABLES[part] ?? pinyin(part));
}

/** Hanyu Pinyin without tones, one capitalised word per run of Chinese characters ("西安" → "Xi'an"). */
export function toPinyin(text: string): string {
  return text.replace(HAN_RUN, (run) => {
    const syllables = syllablesOf(run);
    // Pinyin's apostrophe marks a syllable starting with a, o or e inside a word.
    const word = syllables.map((s, i) => (i > 0 && /^[aoe]/.test(s) ? `'${s}` : s)).join("");
    return word.charAt(0).toUpperCase() + word.slice(1);
  });
}

/** True when the label has Chinese characters and no Latin letters (no English beside it yet). */
export function needsEnglish(label: string): boolean {
  return HAN.test(label) && !LATIN.test(label);
}

const pinyinCache = new Map<string, string>();

/**
 * Longest run of Chinese characters that gets pinyin: place names up to 黔东南苗族侗族自治州. Longer text (a
 * document title, a sentence) needs a translation, which pinyin run together would not give.
 */
export const MAX_PINYIN_RUN = 10;

/**
 * The English that goes beside a Chinese label: the registered translation, else its pinyin for names of up
 * to MAX_PINYIN_RUN characters; null when none is needed or none can be given.
 */
export function englishFor(label: string): string | null {
  if (!needsEnglish(label)) return null;
  const registered = glossary.get(label.trim());
  if (registered !== undefined) return registered;
  if ((label.match(HAN_RUN) ?? []).some((run) => run.length > MAX_PINYIN_RUN)) return null;
  // Figures repeat the same names across traces and hover texts.
  let py = pinyinCache.get(label);
  if (py === undefined) pinyinCache.set(label, (py = toPinyin(label)));
  return py;
}

/** "鄂尔多斯 (内蒙古)" → "鄂尔多斯 (内蒙古) · Eerduosi (Neimenggu)"; other labels unchanged. */
export function withEnglish(label: string): string {
  const en = englishFor(label);
  return en === null ? label : `${label} · ${en}`;
}

function mapValues<T>(vs: T[] | undefined, changed: { any: boolean }): T[] | undefined {
  if (!vs) return vs;
  return vs.map((v) => {
    if (typeof v !== "string") return v;
    const w = withEnglish(v);
    if (w !== v) changed.any = true;
    return w as unknown as T;
  });
}

/**
 * The figure with English beside its Chinese category values, text labels, legend names and category
 * arrays. The live chart and its static SVG are both drawn from the result, so they show the same labels.
 * An axis whose labels grew gets plotly's automargin so they are not cut off.
 */
export function figureWithEnglish(fig: Figure): Figure {
  const x = { any: false };
  const y = { any: false };
  const data: Trace[] = fig.data.map((t) => {
    const other = { any: false };
    return {
      ...t,
      x: mapValues(t.x, x),
      y: mapValues(t.y, y),
      ...(Array.isArray(t.text) ? { text: mapValues(t.text, other) } : typeof t.text === "string" ? { text: withEnglish(t.text) } : {}),
      ...(t.name !== undefined ? { name: withEnglish(t.name) } : {}),
    };
  });
  const axis = (a: Axis | undefined, grew: { any: boolean }): Axis | undefined => {
    const arr = mapValues(a?.categoryarray, grew);
    if (!grew.any) return a;
    return { ...a, ...(arr ? { categoryarray: arr } : {}), ...(a?.automargin === undefined ? { automargin: true } : {}) };
  };
  const xaxis = axis(fig.layout?.xaxis, x);
  const yaxis = axis(fig.layout?.yaxis, y);
  if (!fig.layout && !xaxis && !yaxis) return { ...fig, data };
  return { ...fig, data, layout: { ...fig.layout, ...(xaxis ? { xaxis } : {}), ...(yaxis ? { yaxis } : {}) } };
}
