/**
 * Compares local language detectors on short customer-support messages, to choose the one behind
 * src/lib/language by measurement (CONTRACT §8.2).
 *
 *   node --expose-gc --experimental-strip-types --disable-warning=ExperimentalWarning bench/language-detection.ts
 *
 * For each detector: accuracy per language, overall, and on messages of at least 20 letters (the ones the
 * product trusts a detection for; letters as src/lib/language counts them), the mean time per call after
 * loading, the load time, the memory the loaded detector holds (exact with --expose-gc), and the installed size of the package with its dependencies. Every detector is asked
 * to choose among the languages the dashboard offers where it can be restricted (the way production uses it).
 * A detector whose package is not installed is listed as skipped: the chosen one is a dependency of the API;
 * to compare the others, install them next to it for the run without saving them:
 *   pnpm --filter @helpstack/api add -D eld tinyld franc franc-min franc-all cld3-asm lande languagedetect @bluzzi/lingua
 * (and `git checkout apps/api/package.json pnpm-lock.yaml` afterwards).
 */
import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SUPPORT_MESSAGES } from '../test/fixtures/language-detection/support-messages.ts';
import { countLetters, languageText, MIN_CONFIDENT_LETTERS } from '../src/lib/language/letters.ts';
import { SUPPORTED_LANGUAGES } from '../src/lib/language/supported-languages.ts';

type Detect = (text: string) => string | null | undefined;
type Candidate = { name: string; pkg: string | null; load: () => Promise<Detect> };

const CANDIDATES = [...SUPPORTED_LANGUAGES];
// Through a string so the compiler does not require the packages that are only installed for a comparison run.
const importPackage = (specifier: string): Promise<unknown> => import(specifier);
const TIMING_ROUNDS = 20;

// ISO 639-3 (franc, lande) → ISO 639-1, for the languages the dashboard offers.
const ISO3_TO_1: Record<string, string> = {
  eng: 'en', deu: 'de', fra: 'fr', spa: 'es', ita: 'it', por: 'pt', nld: 'nl', slv: 'sl', hrv: 'hr', srp: 'sr',
  pol: 'pl', ces: 'cs', swe: 'sv', dan: 'da', fin: 'fi', nob: 'no', nno: 'no', rus: 'ru',
  ukr: 'uk', tur: 'tr', arb: 'ar', ara: 'ar', heb: 'he', hin: 'hi', jpn: 'ja', kor: 'ko', cmn: 'zh',
};

const franc = (pkg: string): Candidate => ({
  name: pkg,
  pkg,
  load: async () => {
    const { franc: detect } = (await importPackage(pkg)) as { franc: (text: string, options: object) => string };
    const only = Object.keys(ISO3_TO_1);
    return (text) => ISO3_TO_1[detect(text, { only, minLength: 1 })] ?? null;
  },
});

const eldCandidate = (size: 'large' | 'medium' | 'small' | 'extrasmall'): Candidate => ({
  name: `eld (${size}, subset)`,
  pkg: 'eld',
  load: async () => {
    const { eld } = (await importPackage(`eld/${size}`)) as { eld: EldDetector };
    eld.setLanguageSubset(CANDIDATES);
    return (text) => eld.detect(text).language || null;
  },
});

const candidates: Candidate[] = [
  ...(['large', 'medium', 'small', 'extrasmall'] as const).map(eldCandidate),
  {
    name: 'tinyld (normal, only)',
    pkg: 'tinyld',
    load: async () => {
      const { detect } = (await importPackage('tinyld')) as { detect: (text: string, options: object) => string };
      return (text) => detect(text, { only: CANDIDATES }) || null;
    },
  },
  franc('franc'),
  franc('franc-min'),
  franc('franc-all'),
  {
    name: 'cld3-asm',
    pkg: 'cld3-asm',
    load: async () => {
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
    load: async () => {
      const { default: lande } = (await importPackage('lande')) as { default: (text: string) => [string, number][] };
      return (text) => {
        const best = lande(text).find(([three]) => ISO3_TO_1[three]);
        return best ? ISO3_TO_1[best[0]] : null;
      };
    },
  },
  {
    name: 'languagedetect',
    pkg: 'languagedetect',
    load: async () => {
      const { default: LanguageDetect } = (await importPackage('languagedetect')) as {
        default: new () => { setLanguageType: (t: string) => void; detect: (t: string) => [string | null, number][] };
      };
      const detector = new LanguageDetect();
      detector.setLanguageType('iso2');
      return (text) => detector.detect(text).find(([code]) => code && CANDIDATES.includes(code as never))?.[0] ?? null;
    },
  },
  {
    name: '@bluzzi/lingua (subset)',
    pkg: '@bluzzi/lingua',
    load: async () => {
      const { LanguageDetectorBuilder } = (await importPackage('@bluzzi/lingua')) as {
        LanguageDetectorBuilder: { fromISOCodes6391: (codes: string[]) => { build: () => { detectLanguageOf: (t: string) => string | undefined } } };
      };
      // lingua has no Serbian in Latin script worth the name; ask it only for what it knows.
      const detector = LanguageDetectorBuilder.fromISOCodes6391(CANDIDATES.filter((c) => c !== 'sr')).build();
      return (text) => {
        const name = detector.detectLanguageOf(text);
        return name ? (LINGUA_NAMES[name.toLowerCase()] ?? name) : null;
      };
    },
  },
  {
    name: 'helpstack detectLanguage (eld/small)',
    pkg: null,
    load: async () => {
      const { detectLanguage } = await import('../src/lib/language/detect-language.ts');
      return (text) => detectLanguage(text).language;
    },
  },
];

type EldDetector = { setLanguageSubset: (languages: string[]) => unknown; detect: (text: string) => { language: string } };

const LINGUA_NAMES: Record<string, string> = {
  english: 'en', german: 'de', french: 'fr', spanish: 'es', italian: 'it', portuguese: 'pt', dutch: 'nl',
  slovene: 'sl', croatian: 'hr', serbian: 'sr', polish: 'pl', czech: 'cs', swedish: 'sv', danish: 'da', finnish: 'fi',
  bokmal: 'no', nynorsk: 'no', russian: 'ru', ukrainian: 'uk', turkish: 'tr', arabic: 'ar', hebrew: 'he', hindi: 'hi',
  japanese: 'ja', korean: 'ko', chinese: 'zh',
};

const require = createRequire(import.meta.url);
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

/** The package and its production dependencies, each counted once, as an install would lay them out. */
function installSize(pkg: string, from = here, seen = new Set<string>()): number {
  const dir = packageDir(pkg, from);
  if (!dir || seen.has(dir)) return 0;
  seen.add(dir);
  const manifest = require(join(dir, 'package.json')) as { dependencies?: Record<string, string> };
  return Object.keys(manifest.dependencies ?? {}).reduce((sum, dep) => sum + installSize(dep, dir, seen), directorySize(dir));
}

// JS heap plus memory outside it (WebAssembly memories, buffers): what a loaded model costs the process.
const retainedBytes = () => {
  const { heapUsed, external } = process.memoryUsage();
  return heapUsed + external;
};

const percent = (hits: number, total: number) => (total === 0 ? '   -  ' : `${((100 * hits) / total).toFixed(1).padStart(5)}%`);
const languages = [...new Set(SUPPORT_MESSAGES.map((m) => m.language))];
const confidentSet = SUPPORT_MESSAGES.filter((m) => countLetters(m.text) >= MIN_CONFIDENT_LETTERS);

console.log(
  `${SUPPORT_MESSAGES.length} messages in ${languages.length} languages, ${confidentSet.length} of them with ≥ ${MIN_CONFIDENT_LETTERS} letters; ` +
    `${CANDIDATES.length} candidate languages.\n`,
);
console.log(
  ['detector'.padEnd(44), ...languages.map((l) => l.padStart(6)), 'all'.padStart(6), `≥${MIN_CONFIDENT_LETTERS}`.padStart(6), 'µs/call', ' load ms', ' heap MB', ' size MB'].join(' '),
);

for (const candidate of candidates) {
  if (candidate.pkg && !packageDir(candidate.pkg, here)) {
    console.log(`${candidate.name.padEnd(44)} skipped: ${candidate.pkg} is not installed`);
    continue;
  }
  globalThis.gc?.();
  const heapBefore = retainedBytes();
  const started = performance.now();
  const detect = await candidate.load().catch((error: Error) => error);
  const loadMs = performance.now() - started;
  if (detect instanceof Error) {
    console.log(`${candidate.name.padEnd(44)} failed to load: ${detect.message}`);
    continue;
  }
  globalThis.gc?.();
  const heapAfterLoad = retainedBytes();
  // Every detector sees what production gives its own: the text without URLs and e-mail addresses.
  const inputs = SUPPORT_MESSAGES.map((m) => languageText(m.text));
  const answers = SUPPORT_MESSAGES.map((m, i) => ({ ...m, answer: detect(inputs[i]!) ?? null }));
  const hits = (subset: typeof answers) => subset.filter((a) => a.answer === a.language).length;
  const timingStart = performance.now();
  for (let round = 0; round < TIMING_ROUNDS; round++) for (const input of inputs) detect(input);
  const microsPerCall = ((performance.now() - timingStart) * 1000) / (TIMING_ROUNDS * SUPPORT_MESSAGES.length);
  const confident = answers.filter((a) => countLetters(a.text) >= MIN_CONFIDENT_LETTERS);
  const row = [
    candidate.name.padEnd(44),
    ...languages.map((l) => percent(hits(confident.filter((a) => a.language === l)), confident.filter((a) => a.language === l).length)),
    percent(hits(answers), answers.length),
    percent(hits(confident), confident.length),
    microsPerCall.toFixed(1).padStart(7),
    loadMs.toFixed(0).padStart(8),
    ((heapAfterLoad - heapBefore) / 1e6).toFixed(0).padStart(8),
    candidate.pkg ? (installSize(candidate.pkg) / 1e6).toFixed(1).padStart(8) : '       -',
  ];
  console.log(row.join(' '));
  if (process.env.BENCH_VERBOSE) {
    for (const a of confident.filter((x) => x.answer !== x.language)) console.log(`    ${a.language} → ${a.answer}: ${a.text}`);
  }
}
console.log(`\nPer-language columns are on messages of ≥ ${MIN_CONFIDENT_LETTERS} letters; "all" includes the short ones.`);
