/**
 * The bench seed's vocabulary: ≥ 20,000 words in several languages, in Zipf rank order (rank 1 the most
 * frequent). The head is real everyday words of support mail in five languages; the long tail is
 * generated from each language's syllables, so it looks like words of that language (diacritics
 * included) and every tail word is distinct. Deterministic: the same list on every run.
 */
const HEAD = [
  // English
  'the', 'to', 'and', 'you', 'my', 'is', 'for', 'it', 'order', 'please', 'help', 'thanks', 'hello', 'not', 'can', 'have',
  'with', 'this', 'account', 'invoice', 'shipping', 'delivery', 'password', 'billing', 'upgrade', 'cancel', 'tracking',
  'broken', 'login', 'discount', 'coupon', 'warranty', 'exchange', 'payment', 'card', 'subscription', 'renewal', 'address',
  'package', 'damaged', 'missing', 'late', 'urgent', 'question', 'problem', 'error', 'crash', 'mobile', 'desktop', 'browser',
  'email', 'phone', 'support', 'feature', 'request', 'export', 'import', 'integration', 'webhook', 'plan', 'pricing', 'trial',
  // German
  'der', 'die', 'und', 'ich', 'nicht', 'bitte', 'danke', 'bestellung', 'rechnung', 'lieferung', 'konto', 'passwort',
  'zahlung', 'rücksendung', 'kündigung', 'versand', 'fehler', 'hallo', 'grüße', 'schnell',
  // French
  'le', 'la', 'et', 'je', 'pas', 'merci', 'bonjour', 'commande', 'facture', 'livraison', 'compte', 'mot', 'paiement',
  'remboursé', 'annulation', 'colis', 'problème', 'réponse', 'très', 'déjà',
  // Slovenian
  'in', 'je', 'ne', 'hvala', 'prosim', 'naročilo', 'račun', 'dostava', 'geslo', 'plačilo', 'paket', 'napaka', 'pozdravljeni',
  'lep', 'pozdrav', 'že', 'čakam', 'žal', 'šifra', 'vračilo',
  // Spanish
  'el', 'que', 'por', 'gracias', 'hola', 'pedido', 'factura', 'envío', 'cuenta', 'contraseña', 'pago', 'devolución',
  'problema', 'ayuda', 'todavía', 'también', 'dirección', 'tarjeta', 'cancelación', 'rápido',
];

const SYLLABLES: Record<string, string[]> = {
  en: ['ab', 'ble', 'cor', 'der', 'en', 'fi', 'gan', 'hol', 'ing', 'jo', 'ket', 'lan', 'mer', 'ness', 'or', 'pel', 'quin', 'ster', 'tion', 'ul', 'ver', 'wick', 'yard', 'zel', 'ship', 'ton', 'ward', 'ful', 'ly', 'ment'],
  de: ['ach', 'bau', 'chen', 'dorf', 'ei', 'fahr', 'gang', 'heit', 'ich', 'jahr', 'keit', 'lich', 'mann', 'nach', 'ober', 'pf', 'rung', 'sch', 'tür', 'ung', 'ver', 'wald', 'zug', 'ä', 'über', 'stra', 'ße', 'zeug', 'haus', 'werk'],
  fr: ['ai', 'beau', 'ché', 'de', 'eau', 'fleur', 'gné', 'hui', 'ien', 'jour', 'leur', 'mé', 'nou', 'oir', 'pré', 'quoi', 'ré', 'sion', 'té', 'ueil', 'vé', 'çon', 'x', 'ette', 'ard', 'oi', 'ère', 'ment', 'iè', 'gâ'],
  sl: ['ba', 'če', 'dr', 'ej', 'go', 'hi', 'iš', 'ja', 'ko', 'lj', 'mo', 'nj', 'ob', 'pr', 'ra', 'st', 'šk', 'tr', 'ub', 'vo', 'za', 'žu', 'ič', 'ov', 'ec', 'ek', 'ica', 'ost', 'nik', 'ska'],
  es: ['a', 'bre', 'ción', 'do', 'es', 'fue', 'gua', 'hue', 'ía', 'jo', 'lla', 'mos', 'ñe', 'ota', 'pue', 'que', 'rra', 'sa', 'tí', 'ue', 'va', 'zo', 'ero', 'ido', 'ando', 'iente', 'dad', 'ismo', 'ón', 'cha'],
};

/** Names, for customers and for messages that mention someone. */
export const FIRST_NAMES = ['Anna', 'Ben', 'Chloé', 'Dara', 'Émile', 'Fatima', 'Greta', 'Hiro', 'Ines', 'Jakob', 'Katja', 'Luka', 'María', 'Nils', 'Olga', 'Pablo', 'Quentin', 'Rosa', 'Sven', 'Tjaša', 'Uma', 'Vid', 'Wen', 'Ximena', 'Yusuf', 'Žiga'];
export const LAST_NAMES = ['Novak', 'Müller', 'Dubois', 'García', 'Smith', 'Horvat', 'Schmidt', 'Martin', 'López', 'Krajnc', 'Weber', 'Bernard', 'Fernández', 'Jones', 'Kovačič', 'Fischer', 'Petit', 'Sánchez', 'Brown', 'Zupan'];

export const VOCABULARY_SIZE = 24_000;

/** Rank order: the head first, then the tail words of the languages interleaved. */
export function vocabulary(size = VOCABULARY_SIZE): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  const add = (w: string) => {
    // A generated word must never match the bench's planted search words by prefix.
    if (w.length < 2 || seen.has(w) || w.startsWith('refu') || w.startsWith('zanz')) return;
    seen.add(w);
    out.push(w);
  };
  HEAD.forEach(add);
  const langs = Object.values(SYLLABLES);
  for (let i = 0; out.length < size; i++) {
    const s = langs[i % langs.length]!;
    const n = Math.floor(i / langs.length);
    const k = s.length;
    // Two syllables for the first k², then three: shorter words are the more frequent ones.
    add(n < k * k ? s[n % k]! + s[Math.floor(n / k) % k]! : s[n % k]! + s[Math.floor(n / k) % k]! + s[Math.floor(n / (k * k)) % k]!);
  }
  return out;
}
