import { createHash } from 'node:crypto';

/**
 * A readable name and an avatar colour for a visitor who gave no name, derived from the visitor id so the
 * same visitor always gets the same one ("Blue Otter"): 50 colours × 50 animals keep inbox rows apart.
 */
const COLOURS: [string, string][] = [
  ['Amber', '#d97706'], ['Aqua', '#0891b2'], ['Azure', '#0284c7'], ['Beige', '#a8a29e'], ['Black', '#1f2937'],
  ['Blue', '#2563eb'], ['Bronze', '#b45309'], ['Brown', '#92400e'], ['Cerise', '#db2777'], ['Charcoal', '#374151'],
  ['Cherry', '#be123c'], ['Cobalt', '#1d4ed8'], ['Copper', '#c2410c'], ['Coral', '#f97316'], ['Crimson', '#dc2626'],
  ['Cyan', '#06b6d4'], ['Denim', '#1e40af'], ['Emerald', '#059669'], ['Forest', '#166534'], ['Fuchsia', '#c026d3'],
  ['Garnet', '#9f1239'], ['Ginger', '#ea580c'], ['Gold', '#ca8a04'], ['Green', '#16a34a'], ['Grey', '#6b7280'],
  ['Hazel', '#a16207'], ['Indigo', '#4f46e5'], ['Ivory', '#a3a380'], ['Jade', '#047857'], ['Lavender', '#8b5cf6'],
  ['Lemon', '#eab308'], ['Lilac', '#a855f7'], ['Lime', '#65a30d'], ['Magenta', '#d946ef'], ['Maroon', '#7f1d1d'],
  ['Mint', '#10b981'], ['Navy', '#1e3a8a'], ['Ochre', '#b45309'], ['Olive', '#4d7c0f'], ['Orange', '#f97316'],
  ['Peach', '#fb923c'], ['Pink', '#ec4899'], ['Plum', '#86198f'], ['Purple', '#9333ea'], ['Red', '#ef4444'],
  ['Rose', '#f43f5e'], ['Ruby', '#e11d48'], ['Sage', '#84a98c'], ['Teal', '#0d9488'], ['Violet', '#7c3aed'],
];
const ANIMALS = [
  'Alpaca', 'Badger', 'Bear', 'Beaver', 'Bison', 'Camel', 'Cheetah', 'Crane', 'Deer', 'Dolphin',
  'Eagle', 'Falcon', 'Ferret', 'Finch', 'Fox', 'Gazelle', 'Gecko', 'Giraffe', 'Hare', 'Hawk',
  'Hedgehog', 'Heron', 'Ibis', 'Jaguar', 'Koala', 'Lemur', 'Leopard', 'Lion', 'Llama', 'Lynx',
  'Marten', 'Meerkat', 'Moose', 'Narwhal', 'Ocelot', 'Octopus', 'Otter', 'Owl', 'Panda', 'Panther',
  'Parrot', 'Pelican', 'Penguin', 'Puffin', 'Rabbit', 'Raven', 'Seal', 'Swan', 'Tiger', 'Walrus',
];

export function generatedVisitorName(visitorId: string): { name: string; color: string } {
  const digest = createHash('sha256').update(visitorId).digest();
  const [colour, hex] = COLOURS[digest.readUInt16BE(0) % COLOURS.length]!;
  const animal = ANIMALS[digest.readUInt16BE(2) % ANIMALS.length]!;
  return { name: `${colour} ${animal}`, color: hex };
}
