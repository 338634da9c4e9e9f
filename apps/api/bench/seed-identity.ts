/** The seeded benchmark organization's admin (bench data only; never a real account). */
export const BENCH_EMAIL = 'admin@bench-seed.helpstack.test';
export const BENCH_PASSWORD = 'bench-seed-password';
/** A word the seed puts in many conversations, for the search benchmark. */
export const SEARCH_WORD = 'refu';
