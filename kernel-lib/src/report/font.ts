import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";

/**
 * Chinese text that shows on any machine: the report embeds a subset of a Noto Sans CJK (Source Han) font
 * holding only the characters the report uses. Debian's fonts-noto-cjk ships the font as a collection
 * (.ttc: JP, KR, SC, TC, HK faces sharing outlines); the Simplified Chinese face is taken out of it as a
 * plain OpenType font before subsetting, so characters get their mainland China shapes.
 */

export const CJK_FAMILY = "Noto Sans CJK SC";

const FONT_CANDIDATES = [
  "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
  "/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf",
  "/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc",
];

/** The CJK font to subset: $REGIONLAB_CJK_FONT, else Debian's fonts-noto-cjk; null when none is installed. */
export function findCjkFont(): string | null {
  const env = process.env.REGIONLAB_CJK_FONT;
  if (env) {
    if (!fs.existsSync(env)) throw new Error(`REGIONLAB_CJK_FONT=${env}: no such file`);
    return env;
  }
  return FONT_CANDIDATES.find((p) => fs.existsSync(p)) ?? null;
}

// CJK radicals, punctuation, kana, bopomofo, strokes, enclosed, Ext A, unified, compatibility, vertical and
// full-width forms, and the supplementary ideograph planes.
const CJK = /[\u2e80-\u2fdf\u3000-\u30ff\u3100-\u312f\u31c0-\u31ef\u3200-\u32ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]|[\u{20000}-\u{3134f}]/gu;

/** The distinct CJK characters of a text, in code point order. */
export function cjkCharacters(text: string): string[] {
  return [...new Set(text.match(CJK) ?? [])].sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!);
}

function tag(buf: Buffer, at: number): string {
  return buf.toString("latin1", at, at + 4);
}

/** Where each face's table directory starts: one per face of a collection, 0 for a single font. */
function faceOffsets(buf: Buffer): number[] {
  if (tag(buf, 0) !== "ttcf") return [0];
  const n = buf.readUInt32BE(8);
  return Array.from({ length: n }, (_, i) => buf.readUInt32BE(12 + 4 * i));
}

function tableRecords(buf: Buffer, face: number): { tag: string; offset: number; length: number; checksum: number }[] {
  const n = buf.readUInt16BE(face + 4);
  return Array.from({ length: n }, (_, i) => {
    const r = face + 12 + 16 * i;
    return { tag: tag(buf, r), checksum: buf.readUInt32BE(r + 4), offset: buf.readUInt32BE(r + 8), length: buf.readUInt32BE(r + 12) };
  });
}

/** The family name (name ID 1, Windows Unicode) of a face. */
function familyName(buf: Buffer, face: number): string {
  const name = tableRecords(buf, face).find((t) => t.tag === "name");
  if (!name) return "";
  const base = name.offset;
  const count = buf.readUInt16BE(base + 2);
  const strings = base + buf.readUInt16BE(base + 4);
  for (let i = 0; i < count; i++) {
    const r = base + 6 + 12 * i;
    const [platform, , , nameId, length, offset] = [0, 2, 4, 6, 8, 10].map((k) => buf.readUInt16BE(r + k));
    if (platform === 3 && nameId === 1) {
      const be = buf.subarray(strings + offset, strings + offset + length);
      const le = Buffer.from(be);
      le.swap16();
      return le.toString("utf16le");
    }
  }
  return "";
}

/** One face of a collection as a standalone OpenType font (tables copied unchanged, 4-byte aligned). */
export function extractFace(buf: Buffer, family: string): Buffer {
  const faces = faceOffsets(buf);
  const face = faces.find((f) => familyName(buf, f) === family);
  if (face === undefined) throw new Error(`the font has no face named "${family}" (has: ${faces.map((f) => familyName(buf, f)).join(", ")})`);
  if (tag(buf, 0) !== "ttcf") return buf;
  const tables = tableRecords(buf, face);
  const head = 12 + 16 * tables.length;
  const out: Buffer[] = [buf.subarray(face, face + 12)];
  let at = head;
  const dir = Buffer.alloc(16 * tables.length);
  tables.forEach((t, i) => {
    dir.write(t.tag, 16 * i, "latin1");
    dir.writeUInt32BE(t.checksum, 16 * i + 4);
    dir.writeUInt32BE(at, 16 * i + 8);
    dir.writeUInt32BE(t.length, 16 * i + 12);
    at += (t.length + 3) & ~3;
  });
  out.push(dir);
  for (const t of tables) {
    out.push(buf.subarray(t.offset, t.offset + t.length));
    const pad = ((t.length + 3) & ~3) - t.length;
    if (pad) out.push(Buffer.alloc(pad));
  }
  return Buffer.concat(out);
}

export interface CjkSubset {
  /** WOFF2 bytes of the subset. */
  woff2: Buffer;
  characters: number;
  source: string;
}

/**
 * A WOFF2 subset of the CJK font holding exactly these characters. Subsetting and WOFF2 compression cost seconds of
 * CPU per report, so the result is kept in `cacheDir` under the hash of the font file (path, size, mtime) and the
 * characters; a re-run or a what-if with the same characters reads it back.
 */
export async function subsetCjkFont(characters: string[], fontPath: string, cacheDir?: string): Promise<CjkSubset> {
  const text = characters.join("");
  let cached: string | null = null;
  if (cacheDir) {
    const st = fs.statSync(fontPath);
    const key = createHash("sha256").update(`${path.resolve(fontPath)}\0${st.size}\0${st.mtimeMs}\0${CJK_FAMILY}\0${text}`).digest("hex");
    cached = path.join(cacheDir, `${key}.woff2`);
    if (fs.existsSync(cached)) return { woff2: fs.readFileSync(cached), characters: characters.length, source: fontPath };
  }
  // subset-font wraps HarfBuzz's hb-subset (WebAssembly); it is loaded only when a report needs it.
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const subsetFont = require("subset-font") as (font: Buffer, text: string, opts: { targetFormat: "woff2" }) => Promise<Buffer>;
  const face = extractFace(fs.readFileSync(fontPath), CJK_FAMILY);
  const woff2 = await subsetFont(face, text, { targetFormat: "woff2" });
  if (cached) {
    try {
      fs.mkdirSync(path.dirname(cached), { recursive: true });
      const tmp = `${cached}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, woff2);
      fs.renameSync(tmp, cached);
    } catch {
      // Not writable: the next report subsets again.
    }
  }
  return { woff2, characters: characters.length, source: fontPath };
}
