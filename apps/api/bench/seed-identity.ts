/** The seeded benchmark organization's admin (bench data only; never a real account). */
export const BENCH_EMAIL = 'admin@bench-seed.helpstack.test';
export const BENCH_PASSWORD = 'bench-seed-password';
/** A word the seed puts in 30 % of conversations (typed as a prefix, as a user would), for `search`. */
export const SEARCH_WORD = 'refu';
/** The word planted for SEARCH_WORD: no vocabulary word starts with "refu". */
export const SEARCH_PLANTED = 'refund';
/** Share of conversations that mention SEARCH_PLANTED. */
export const SEARCH_SHARE = 0.3;
/** A word in 0.05 % of conversations (< 0.1 %), for `search-rare`. */
export const RARE_WORD = 'zanzibarite';
/** One conversation in this many mentions RARE_WORD. */
export const RARE_EVERY = 2000;
