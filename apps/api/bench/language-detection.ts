/**
 * Compares local language detectors on short customer-support messages, to choose the one behind
 * src/lib/language by measurement (CONTRACT §8.2).
 *
 *   node --expose-gc --experimental-strip-types --disable-warning=ExperimentalWarning bench/language-detection.ts
 *
 * Input: test/fixtures/language-detection (labelled messages; 11 languages with ~20 messages each, and 7 with 6–12
 * to see what happens to languages a restricted detector does not know). Each detector sees what production gives
 * its own: the text without URLs and e-mail addresses. For each detector, once with all its languages and once
 * restricted to the languages the dashboard offers (where it can be): accuracy per language and on messages of
 * ≥ 20 letters (the ones the product trusts a detection for, letters as src/lib/language counts them), on all
 * messages, the mean time per call after loading, the load time, the memory the loaded detector holds (exact with
 * --expose-gc), and the installed size of the package with its dependencies.
 *
 * A detector whose package is not installed is listed as skipped: only the chosen one (eld) is a dependency of the
 * API. To compare the others, add them for the run and drop them afterwards:
 *   pnpm --filter @helpstack/api add -D tinyld franc franc-min franc-all cld3-asm lande languagedetect @bluzzi/lingua
 *   git checkout apps/api/package.json pnpm-lock.yaml && pnpm install
 * BENCH_VERBOSE=1 also lists every wrong answer on a message of ≥ 20 letters.
 */
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SUPPORT_MESSAGES } from '../test/fixtures/language-detection/support-messages.ts';
import { countLetters, languageText, MIN_CONFIDENT_LETTERS } from '../src/lib/language/letters.ts';
import { SUPPORTED_LANGUAGES } from '../src/lib/language/supported-languages.ts';

type Detect = (text: string) => string | null | undefined;
/** `only`: the languages to choose among, or null for all the detector knows. */
type Candidate = { name: string; pkg: string; load: (only: readonly string[] | null) => Promise<Detect> };

const TIMING_ROUNDS = 20;
const LABEL_WIDTH = 36;

// Through a string, so the compiler does not require the packages only installed for a comparison run.
const importPackage = (specifier: string): Promise<unknown> => import(specifier);

// ISO 639-3 (franc, lande) ↔ ISO 639-1, for the languages of the fixture and of the dashboard.
const ISO3_TO_1: Record<string, string> = {
  eng: 'en', deu: 'de', fra: 'fr', spa: 'es', ita: 'it', por: 'pt', nld: 'nl', slv: 'sl', hrv: 'hr', srp: 'sr',
  pol: 'pl', ces: 'cs', slk: 'sk', swe: 'sv', dan: 'da', fin: 'fi', nob: 'no', nno: 'no', rus: 'ru', ukr: 'uk',
  tur: 'tr', hun: 'hu', ron: 'ro', arb: 'ar', ara: 'ar', heb: 'he', hin: 'hi', jpn: 'ja', kor: 'ko', cmn: 'zh',
};
const iso3For = (only: readonly string[]) => Object.keys(ISO3_TO_1).filter((three) => only.includes(ISO3_TO_1[three]!));

const LINGUA_NAMES: Record<string, string> = {
  english: 'en', german: 'de', french: 'fr', spanish: 'es', italian: 'it', portuguese: 'pt', dutch: 'nl',
  slovene: 'sl', croatian: 'hr', serbian: 'sr', polish: 'pl', czech: 'cs', slovak: 'sk', swedish: 'sv', danish: 'da',
  finnish: 'fi', bokmal: 'no', nynorsk: 'no', russian: 'ru', ukrainian: 'uk', turkish: 'tr', hungarian: 'hu',
  romanian: 'ro', arabic: 'ar', hebrew: 'he', hindi: 'hi', japanese: 'ja', korean: 'ko', chinese: 'zh',
};

type EldDetector = {
  newInstance: () => EldDetector;
  setLanguageSubset: (languages: string[]) => unknown;
  detect: (text: string) => { language: string };
};

const eldCandidate = (size: 'large' | 'medium' | 'small' | 'extrasmall'): Candidate => ({
  name: `eld ${size}`,
  pkg: 'eld',
  load: async (only) => {
    const { eld } = (await importPackage(`eld/${size}`)) as { eld: EldDetector };
    const detector = eld.newInstance();
    if (only) detector.setLanguageSubset([...only]);
    return (text) => detector.detect(text).language || null;
  },
});

const francCandidate = (pkg: string): Candidate => ({
  name: pkg,
  pkg,
  load: async (only) => {
    const { franc } = (await importPackage(pkg)) as { franc: (text: string, options: object) => string };
    const options = { minLength: 1, ...(only ? { only: iso3For(only) } : {}) };
    return (text) => ISO3_TO_1[franc(text, options)] ?? null;
  },
});

const candidates: Candidate[] = [
  ...(['large', 'medium', 'small', 'extrasmall'] as const).map(eldCandidate),
  {
    name: 'tinyld',
    pkg: 'tinyld',
    load: async (only) => {
      const { detect } = (await importPackage('tinyld')) as { detect: (text: string, options: object) => string };
      return (text) => detect(text, only ? { only } : {}) || null;
    },
  },
  francCandidate('franc'),
  francCandidate('franc-min'),
  francCandidate('franc-all'),
  {
    name: 'cld3-asm',
    pkg: 'cld3-asm',
    load: async (only) => {
      if (only) throw new Error('cannot be restricted');
      const { loadModule } = (await importPackage('cld3-asm')) as {
        loadModule: () => Promise<{ create: (min: number, max: number) => { findLanguage: (t: string) => { language: string } } }>;
      };
      const identifier = (await loadModule()).create(0, 1000);
      return (text) => identifier.findLanguage(text).language.split('-')[0];
    },
  },
  {
    name: 'lande',
    pkg: 'lande',
    load: async (only) => {
      const { default: lande } = (await importPackage('lande')) as { default: (text: string) => [string, number][] };
      // lande ranks all its languages; restricting is taking the best allowed one.
      return (text) => {
        const best = lande(text).find(([three]) => !only || only.includes(ISO3_TO_1[three] ?? ''));
        return best ? (ISO3_TO_1[best[0]] ?? best[0]) : null;
      };
    },
  },
  {
    name: 'languagedetect',
    pkg: 'languagedetect',
    load: async (only) => {
      const { default: LanguageDetect } = (await importPackage('languagedetect')) as {
        default: new () => { setLanguageType: (t: string) => void; detect: (t: string) => [string | null, number][] };
      };
      const detector = new LanguageDetect();
      detector.setLanguageType('iso2');
      return (text) => detector.detect(text).find(([code]) => code && (!only || only.includes(code)))?.[0] ?? null;
    },
  },
  {
    name: '@bluzzi/lingua',
    pkg: '@bluzzi/lingua',
    load: async (only) => {
      type Builder = { build: () => { detectLanguageOf: (t: string) => string | undefined } };
      const { LanguageDetectorBuilder } = (await importPackage('@bluzzi/lingua')) as {
        LanguageDetectorBuilder: { fromAllLanguages: () => Builder; fromISOCodes6391: (codes: string[]) => Builder };
      };
      // lingua knows Serbian in Cyrillic only as part of "Serbian"; it takes the codes it has.
      const detector = (only ? LanguageDetectorBuilder.fromISOCodes6391([...only]) : LanguageDetectorBuilder.fromAllLanguages()).build();
      return (text) => {
        const name = detector.detectLanguageOf(text);
        return name ? (LINGUA_NAMES[name.toLowerCase()] ?? name) : null;
      };
    },
  },
];

const here = dirname(fileURLToPath(import.meta.url));

function packageDir(pkg: string, from: string): string | null {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', pkg);
    if (existsSync(join(candidate, 'package.json'))) return realpathSync(candidate);
    if (dirname(dir) === dir) return null;
  }
}

function directorySize(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += entry.name === 'node_modules' ? 0 : directorySize(path);
    else if (entry.isFile()) total += statSync(path).size;
  }
  return total;
}

/** The package and its production dependencies, each counted once, as an install lays them out. */
function installSize(pkg: string, from = here, seen = new Set<string>()): number {
  const dir = packageDir(pkg, from);
  if (!dir || seen.has(dir)) return 0;
  seen.add(dir);
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  return Object.keys(manifest.dependencies ?? {}).reduce((sum, dep) => sum + installSize(dep, dir, seen), directorySize(dir));
}

// JS heap plus memory outside it (WebAssembly memories, buffers): what a loaded model costs the process.
const retainedBytes = () => {
  const { heapUsed, external } = process.memoryUsage();
  return heapUsed + external;
};

const percent = (hits: number, total: number, digits = 0) =>
  total === 0 ? '-' : `${((100 * hits) / total).toFixed(digits)}%`;
const languages = [...new Set(SUPPORT_MESSAGES.map((m) => m.language))];
const inputs = SUPPORT_MESSAGES.map((m) => languageText(m.text));
const isLong = SUPPORT_MESSAGES.map((m) => countLetters(m.text) >= MIN_CONFIDENT_LETTERS);
const longCount = isLong.filter(Boolean).length;

console.log(
  `${SUPPORT_MESSAGES.length} messages in ${languages.length} languages, ${longCount} of them with ≥ ${MIN_CONFIDENT_LETTERS} letters. ` +
    `"subset": restricted to the ${SUPPORTED_LANGUAGES.length} languages the dashboard offers.\n`,
);
console.log(
  [
    'detector'.padEnd(LABEL_WIDTH),
    ...languages.map((l) => l.padStart(4)),
    `≥${MIN_CONFIDENT_LETTERS}`.padStart(6),
    'all'.padStart(6),
    'µs/call',
    'load ms',
    'heap MB',
    'size MB',
  ].join(' '),
);

for (const candidate of candidates) {
  for (const only of [null, SUPPORTED_LANGUAGES]) {
    const label = `${candidate.name}${only ? ' (subset)' : ''}`.padEnd(LABEL_WIDTH);
    if (!packageDir(candidate.pkg, here)) {
      if (!only) console.log(`${label} skipped: ${candidate.pkg} is not installed`);
      continue;
    }
    globalThis.gc?.();
    const retainedBefore = retainedBytes();
    const started = performance.now();
    const detect = await candidate.load(only).catch((error: Error) => error);
    const loadMs = performance.now() - started;
    if (detect instanceof Error) {
      console.log(`${label} ${detect.message}`);
      continue;
    }
    globalThis.gc?.();
    const retainedMb = (retainedBytes() - retainedBefore) / 1e6;
    const answers = SUPPORT_MESSAGES.map((m, i) => ({ ...m, long: isLong[i]!, answer: detect(inputs[i]!) ?? null }));
    const timingStart = performance.now();
    for (let round = 0; round < TIMING_ROUNDS; round++) for (const input of inputs) detect(input);
    const microsPerCall = ((performance.now() - timingStart) * 1000) / (TIMING_ROUNDS * inputs.length);
    const long = answers.filter((a) => a.long);
    const accuracy = (subset: typeof answers, digits = 0) =>
      percent(subset.filter((a) => a.answer === a.language).length, subset.length, digits);
    console.log(
      [
        label,
        ...languages.map((l) => accuracy(long.filter((a) => a.language === l)).padStart(4)),
        accuracy(long, 1).padStart(6),
        accuracy(answers, 1).padStart(6),
        microsPerCall.toFixed(1).padStart(7),
        loadMs.toFixed(0).padStart(7),
        retainedMb.toFixed(0).padStart(7),
        (installSize(candidate.pkg) / 1e6).toFixed(1).padStart(7),
      ].join(' '),
    );
    if (process.env.BENCH_VERBOSE) {
      for (const a of long.filter((x) => x.answer !== x.language)) console.log(`    ${a.language} → ${a.answer}: ${a.text}`);
    }
  }
}
console.log(
  `\nPer-language columns and "≥${MIN_CONFIDENT_LETTERS}": messages of ≥ ${MIN_CONFIDENT_LETTERS} letters; "all": every message, ` +
    `short ones included. A module loaded once is cached: a second row of the same package loads faster.`,
);
