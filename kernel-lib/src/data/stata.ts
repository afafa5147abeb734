/**
 * A small reader for Stata `.dta` files of formats 117, 118 and 119 (Stata 13 and later): numeric columns and
 * fixed-width strings. No npm package reads these formats (checked 2026-12), so this follows Stata's published
 * "dta" file-format description. Missing values (`.`, `.a`–`.z`) become `null`; nothing is converted.
 */

export type StataType = "byte" | "int" | "long" | "float" | "double" | "str" | "strL";

export interface StataVariable {
  name: string;
  type: StataType;
  /** Byte width of a fixed string (`str#`); 0 otherwise. */
  width: number;
  label: string;
}

export interface StataDataset {
  release: number;
  nobs: number;
  variables: StataVariable[];
  /** One array per variable: numbers (float32 values widened exactly to double) or strings; null = missing. */
  columns: (number | string | null)[][];
}

export class StataFormatError extends Error {
  constructor(file: string, message: string) {
    super(`${file}: ${message}`);
    this.name = "StataFormatError";
  }
}

// Largest non-missing integers per type and the smallest missing codes of the floating types (Stata's limits).
const MAX_BYTE = 100;
const MAX_INT = 32740;
const MAX_LONG = 2147483620;
const MISSING_FLOAT = 2 ** 127; // 0x7f000000, "."
const MISSING_DOUBLE = 2 ** 1023; // 0x7fe0000000000000, "."


export function readStata(buf: Buffer, file = "dta"): StataDataset {
  const fail = (m: string): never => {
    throw new StataFormatError(file, m);
  };
  const head = buf.subarray(0, 200).toString("latin1");
  const rel = /^<stata_dta><header><release>(\d{3})<\/release><byteorder>(LSF|MSF)<\/byteorder><K>/.exec(head);
  if (!rel) fail("not a Stata 13+ (format 117/118/119) .dta file");
  const release = Number(rel![1]);
  if (release < 117 || release > 119) fail(`format ${release} is not supported (117, 118 or 119 only)`);
  const le = rel![2] === "LSF";
  const u16 = (o: number) => (le ? buf.readUInt16LE(o) : buf.readUInt16BE(o));
  const u32 = (o: number) => (le ? buf.readUInt32LE(o) : buf.readUInt32BE(o));
  const u64 = (o: number) => Number(le ? buf.readBigUInt64LE(o) : buf.readBigUInt64BE(o));
  const expect = (o: number, tag: string) => {
    if (buf.toString("latin1", o, o + tag.length) !== tag) fail(`expected ${tag} at byte ${o}`);
    return o + tag.length;
  };

  let o = rel![0].length;
  const nvar = release === 119 ? u32(o) : u16(o);
  o += release === 119 ? 4 : 2;
  o = expect(o, "</K><N>");
  const nobs = release === 117 ? u32(o) : u64(o);
  o += release === 117 ? 4 : 8;
  o = expect(o, "</N><label>");
  const map = buf.indexOf("<map>", o, "latin1");
  if (map < 0) fail("no <map> section");
  const offsets: number[] = [];
  for (let i = 0; i < 14; i++) offsets.push(u64(map + 5 + 8 * i));
  const [, , typesAt, namesAt, , , , labelsAt, , dataAt] = offsets;

  const nameLen = release === 117 ? 33 : 129;
  const labelLen = release === 117 ? 81 : 321;
  const cstr = (start: number, len: number) => {
    const end = buf.indexOf(0, start);
    return buf.toString("utf8", start, end < 0 || end > start + len ? start + len : end);
  };
  const tStart = expect(typesAt, "<variable_types>");
  const nStart = expect(namesAt, "<varnames>");
  const lStart = expect(labelsAt, "<variable_labels>");
  const variables: StataVariable[] = [];
  const widths: number[] = [];
  for (let j = 0; j < nvar; j++) {
    const code = u16(tStart + 2 * j);
    let type: StataType;
    let width = 0;
    if (code >= 1 && code <= 2045) [type, width] = ["str", code];
    else if (code === 32768) type = "strL";
    else if (code === 65526) type = "double";
    else if (code === 65527) type = "float";
    else if (code === 65528) type = "long";
    else if (code === 65529) type = "int";
    else if (code === 65530) type = "byte";
    else return fail(`variable ${j + 1} has unknown type code ${code}`);
    const name = cstr(nStart + nameLen * j, nameLen);
    if (type === "strL") fail(`variable "${name}" is a strL, which this reader does not support`);
    variables.push({ name, type, width, label: cstr(lStart + labelLen * j, labelLen) });
    widths.push({ str: width, strL: 8, double: 8, float: 4, long: 4, int: 2, byte: 1 }[type]);
  }
  const rowWidth = widths.reduce((a, b) => a + b, 0);
  const d0 = expect(dataAt, "<data>");
  if (d0 + rowWidth * nobs > buf.length) fail(`the data section is truncated (${nobs} rows of ${rowWidth} bytes declared)`);

  const columns = variables.map(() => new Array<number | string | null>(nobs));
  for (let i = 0; i < nobs; i++) {
    let p = d0 + i * rowWidth;
    for (let j = 0; j < nvar; j++) {
      const v = variables[j];
      let x: number | string | null;
      switch (v.type) {
        case "double": {
          const d = le ? buf.readDoubleLE(p) : buf.readDoubleBE(p);
          x = d >= MISSING_DOUBLE || Number.isNaN(d) ? null : d;
          break;
        }
        case "float": {
          const f = le ? buf.readFloatLE(p) : buf.readFloatBE(p);
          x = f >= MISSING_FLOAT || Number.isNaN(f) ? null : f;
          break;
        }
        case "long": {
          const l = le ? buf.readInt32LE(p) : buf.readInt32BE(p);
          x = l > MAX_LONG ? null : l;
          break;
        }
        case "int": {
          const s = le ? buf.readInt16LE(p) : buf.readInt16BE(p);
          x = s > MAX_INT ? null : s;
          break;
        }
        case "byte": {
          const b = buf.readInt8(p);
          x = b > MAX_BYTE ? null : b;
          break;
        }
        default:
          x = cstr(p, v.width);
      }
      columns[j][i] = x;
      p += widths[j];
    }
  }
  return { release, nobs, variables, columns };
}
