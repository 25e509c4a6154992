import { createRequire } from 'node:module';
import { T } from '../hcl/eval/types.js';
import { Value } from '../hcl/eval/value.js';
import { failArg, fn, param } from './define.js';
import type { FunctionSpec } from './spec.js';

type Iconv = {
  encode(s: string, enc: string, opts?: { addBOM?: boolean }): Buffer;
  decode(b: Buffer, enc: string, opts?: { stripBOM?: boolean }): string;
};

let iconv: Iconv | undefined;
/** iconv-lite, loaded on first use: its tables cost start-up time every other run would pay. */
function codecs(): Iconv {
  iconv ??= createRequire(import.meta.url)('iconv-lite') as Iconv;
  return iconv;
}

/**
 * Encodings by their IANA name (as Go's ianaindex reports it), with the
 * iconv-lite codec and the IANA aliases Packer accepts (case-insensitively).
 */
const ENCODINGS: [name: string, codec: string, aliases: string[]][] = [
  ['UTF-8', 'utf8', ['csUTF8']],
  ['UTF-16', 'utf16be', ['csUTF16']],
  ['UTF-16BE', 'utf16be', ['csUTF16BE']],
  ['UTF-16LE', 'utf16le', ['csUTF16LE']],
  [
    'US-ASCII',
    'ascii',
    [
      'iso-ir-6',
      'ANSI_X3.4-1968',
      'ANSI_X3.4-1986',
      'ISO_646.irv:1991',
      'ISO646-US',
      'us',
      'IBM367',
      'cp367',
      'csASCII',
      'ASCII',
    ],
  ],
  [
    'ISO_8859-1:1987',
    'iso88591',
    ['iso-ir-100', 'ISO_8859-1', 'ISO-8859-1', 'latin1', 'l1', 'IBM819', 'CP819', 'csISOLatin1'],
  ],
  ['ISO_8859-2:1987', 'iso88592', ['iso-ir-101', 'ISO_8859-2', 'ISO-8859-2', 'latin2', 'l2', 'csISOLatin2']],
  ['ISO_8859-3:1988', 'iso88593', ['iso-ir-109', 'ISO_8859-3', 'ISO-8859-3', 'latin3', 'l3', 'csISOLatin3']],
  ['ISO_8859-4:1988', 'iso88594', ['iso-ir-110', 'ISO_8859-4', 'ISO-8859-4', 'latin4', 'l4', 'csISOLatin4']],
  [
    'ISO_8859-5:1988',
    'iso88595',
    ['iso-ir-144', 'ISO_8859-5', 'ISO-8859-5', 'cyrillic', 'csISOLatinCyrillic'],
  ],
  [
    'ISO_8859-6:1987',
    'iso88596',
    ['iso-ir-127', 'ISO_8859-6', 'ISO-8859-6', 'ECMA-114', 'ASMO-708', 'arabic', 'csISOLatinArabic'],
  ],
  [
    'ISO_8859-7:1987',
    'iso88597',
    ['iso-ir-126', 'ISO_8859-7', 'ISO-8859-7', 'ELOT_928', 'ECMA-118', 'greek', 'greek8', 'csISOLatinGreek'],
  ],
  ['ISO_8859-8:1988', 'iso88598', ['iso-ir-138', 'ISO_8859-8', 'ISO-8859-8', 'hebrew', 'csISOLatinHebrew']],
  ['ISO_8859-9:1989', 'iso88599', ['iso-ir-148', 'ISO_8859-9', 'ISO-8859-9', 'latin5', 'l5', 'csISOLatin5']],
  ['ISO-8859-10', 'iso885910', ['iso-ir-157', 'l6', 'ISO_8859-10:1992', 'csISOLatin6', 'latin6']],
  ['ISO-8859-13', 'iso885913', ['csISO885913']],
  [
    'ISO-8859-14',
    'iso885914',
    ['iso-ir-199', 'ISO_8859-14:1998', 'ISO_8859-14', 'latin8', 'iso-celtic', 'l8', 'csISO885914'],
  ],
  ['ISO-8859-15', 'iso885915', ['ISO_8859-15', 'Latin-9', 'csISO885915']],
  [
    'ISO-8859-16',
    'iso885916',
    ['iso-ir-226', 'ISO_8859-16:2001', 'ISO_8859-16', 'latin10', 'l10', 'csISO885916'],
  ],
  ['KOI8-R', 'koi8r', ['csKOI8R']],
  ['KOI8-U', 'koi8u', ['csKOI8U']],
  ['IBM437', 'cp437', ['cp437', '437', 'csPC8CodePage437']],
  ['IBM850', 'cp850', ['cp850', '850', 'csPC850Multilingual']],
  ['IBM852', 'cp852', ['cp852', '852', 'csPCp852']],
  ['IBM866', 'cp866', ['cp866', '866', 'csIBM866']],
  ['macintosh', 'macintosh', ['mac', 'csMacintosh']],
  ['windows-874', 'windows874', ['cswindows874']],
  ['windows-1250', 'windows1250', ['cswindows1250']],
  ['windows-1251', 'windows1251', ['cswindows1251']],
  ['windows-1252', 'windows1252', ['cswindows1252']],
  ['windows-1253', 'windows1253', ['cswindows1253']],
  ['windows-1254', 'windows1254', ['cswindows1254']],
  ['windows-1255', 'windows1255', ['cswindows1255']],
  ['windows-1256', 'windows1256', ['cswindows1256']],
  ['windows-1257', 'windows1257', ['cswindows1257']],
  ['windows-1258', 'windows1258', ['cswindows1258']],
  ['Shift_JIS', 'shiftjis', ['MS_Kanji', 'csShiftJIS']],
  ['Extended_UNIX_Code_Packed_Format_for_Japanese', 'eucjp', ['csEUCPkdFmtJapanese', 'EUC-JP']],
  ['GBK', 'gbk', ['CP936', 'MS936', 'windows-936', 'csGBK']],
  ['GB18030', 'gb18030', ['csGB18030']],
  ['Big5', 'big5', ['csBig5']],
  ['EUC-KR', 'euckr', ['csEUCKR']],
];

function encodingFor(label: string, argIndex: number): { name: string; codec: string } {
  const want = label.toLowerCase();
  const hit = ENCODINGS.find(
    ([name, , aliases]) => name.toLowerCase() === want || aliases.some((a) => a.toLowerCase() === want),
  );
  if (!hit) failArg(argIndex, `"${label}" is not a supported IANA encoding name or alias`);
  return { name: hit[0], codec: hit[1] };
}

/** Go's base64.StdEncoding.DecodeString: strict padding; the offset of the first bad symbol. */
function strictBase64(s: string): Buffer | number {
  const clean = s.replace(/[\r\n]/g, '');
  const bad = clean.search(/[^A-Za-z0-9+/=]/);
  if (bad >= 0) return bad;
  const pad = clean.indexOf('=');
  if (pad >= 0 && (!/^=*$/.test(clean.slice(pad)) || clean.length % 4 !== 0)) return pad;
  if (clean.length % 4 !== 0) return clean.length - (clean.length % 4);
  return Buffer.from(clean, 'base64');
}

/** textencodebase64 and textdecodebase64 (Packer 1.9+): strings in other character encodings. */
export const textEncodingFunctions: Record<string, FunctionSpec> = {
  textencodebase64: fn([param('string', T.string), param('encoding', T.string)], T.string, ([s, e]) => {
    const { name, codec } = encodingFor(e!.str, 1);
    const bytes = codecs().encode(s!.str, codec, { addBOM: name === 'UTF-16' });
    if (codecs().decode(bytes, codec) !== s!.str)
      failArg(0, `the given string contains characters that cannot be represented in ${name}`);
    return Value.string(bytes.toString('base64'));
  }),
  textdecodebase64: fn([param('source', T.string), param('encoding', T.string)], T.string, ([s, e]) => {
    const { name, codec } = encodingFor(e!.str, 1);
    const bytes = strictBase64(s!.str);
    if (typeof bytes === 'number')
      failArg(0, `the given value is has an invalid base64 symbol at offset ${bytes}`);
    const text = codecs().decode(bytes, codec);
    if (text.includes('\ufffd'))
      failArg(0, `the given string contains symbols that are not defined for ${name}`);
    return Value.string(text.normalize('NFC'));
  }),
};
