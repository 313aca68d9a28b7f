/* name.h: normalising personal names for search, sorting and duplicate detection. */
#ifndef PD_NAME_H
#define PD_NAME_H
#include <stdbool.h>
#include <stddef.h>

/* name_normalise writes a folded form of name into out (size n): lowercase ASCII letters and
 * digits, accents removed (é→e, ñ→n, and combining accents: e + U+0301→e), apostrophes dropped, every other run of separators one
 * space, no leading or trailing space. "  Siti  Nur'aini, S.Pd " → "siti nuraini s pd".
 * Characters without an ASCII folding are kept as UTF-8. Returns the length written. */
size_t name_normalise(const char *name, char *out, size_t n);
/* name_has_word tells whether norm, name_normalise's output, holds a letter or a digit: an ASCII
 * one, or a character outside the punctuation it keeps as it is (Latin-1's « » ¡ ¿ ·, General
 * Punctuation's — … “ ”, CJK's 。 、, the fullwidth ！ ？ ， ．). Punctuation alone is no name. */
bool name_has_word(const char *norm);

/* name_key writes the spelling key of name into out (size n): name is normalised first (as by
 * name_normalise), then every word is folded on its own, so that old and new spellings and common
 * variants of one name share a key. Words are separated by one space, as in the input. The rules,
 * applied to each word from left to right:
 *
 *   1. Old spelling (van Ophuijsen/Soewandi, before 1972). A word is "old" when it contains
 *      oe, dj, tj, sj or hj, or starts with nj; in an old word every j that is not part of dj
 *      is read as y (Tjahjo → cahyo, Sjahrir → syahrir, Njoman → nyoman, Joesoef → yusuf,
 *      Wahjudi → wahyudi). In any word: oe → u (Soekarno → sukarno), dj → j (Djoko → joko),
 *      tj → c (Tjokro → cokro). A j in a word without these marks is left alone: modern j
 *      (Joko, Panji, Harjono) cannot be told from an old j, and Joko must not become Yoko.
 *   2. Digraphs: ch and kh → h (Chairul, Khairul → hairul; Rachmat → rahmat; Achmad → ahmad);
 *      an h after b, d, g or t is dropped (Dhani → dani, Thoha → toha, Bhakti → bakti,
 *      Ramadhan → ramadan); ph → f; dz → z; q → k (Taufiq → taufik).
 *   3. A consonant doubled in the result is written once (Hassan → hasan, Abdullah → abdulah,
 *      Sitti → siti); vowels are not (Saadah stays apart from Sadah).
 *   4. At the start of a word, ju → yu (Jusuf → yusuf, Djuanda → yuanda, Julianti → yulianti):
 *      old j before u is the commonest variant and modern Ju- names have no Yu- twin to confuse.
 *   5. The Muhammad family: a word that folds to muhamad, mohamad, muhamed, mohamed, or is the
 *      abbreviation moh, muh, mhd, mohd, muhd or md (Muhammad, Mohammad, Mochammad, Moch., Muh.,
 *      Mukhammad...), and a first word m (M. Soekarno), become "muhamad" (what rule 3 makes of
 *      Muhammad, so that a key is its own key).
 *   6. At the end of a word: h after a vowel is dropped (Fatimah → fatima, Abdullah → abdula,
 *      Atjeh → ace) and y after a consonant becomes i (Rizky → rizki, Andy → andi).
 *   7. The Arabic article after Abdu-, which the next letter takes when it is t, d, r, z, s or n,
 *      is written abdul- (Abdurrahman → abdulrahman, Abdussalam → abdulsalam, Abdoerrachman →
 *      abdulrahman), so that the names written apart agree (Abdul Rahman, whose key without
 *      spaces, the duplicate key, is abdulrahman too); a word of those five letters alone
 *      (Abdur, Abdus), also while typed, and the abbreviation Abd (not while typed) become abdul.
 * Digits and characters outside a-z are kept as they are. Vowels other than oe are never changed,
 * so Siti/Sita, Rina/Rini, Dewi/Dewa, Hasan/Husin, Budi/Bude keep distinct keys.
 * Not folded (their variants collide with distinct names): j/y elsewhere (Harjono/Haryono),
 * o/u (Mochtar/Muchtar), e/a, sh/sy/s, f/p (Yusuf/Yusup), v/w, z/j.
 * The key is deterministic and never longer than max(normalised length + 1, 7) per word; the key
 * of a name's key is that key (contrived letter runs such as "tthh" may fold further). A word longer
 * than 96 bytes is copied as it is. Only whole words are written: when out is too small the key
 * ends early. Returns the length written. Cost: about 250 ns for a name of two to four words. */
size_t name_key(const char *name, char *out, size_t n);

/* name_key_prefix is name_key for words that may be unfinished, as typed in a search box: the
 * end-of-word rules (6) are not applied, and a word of 3 letters or more that starts a spelling
 * of the Muhammad family (moh, muha, mochamm) becomes "muhamad". The key of a prefix of a word is
 * then a prefix of the word's key for every rule except 6 and the abbreviations of rule 5 ("md"
 * is "muhamad", "mdina" stays itself), so a search also tries name_key. */
size_t name_key_prefix(const char *name, char *out, size_t n);

/* name_dup_key writes name_key(name) without its spaces: the key that duplicate warnings compare,
 * so that "Siti Nur Haliza" and "Siti Nurhaliza" agree too. Returns the length written. */
size_t name_dup_key(const char *name, char *out, size_t n);

/* A buffer of NAME_SEARCH_MAX bytes holds the search text of any valid client (a name of 200 and
 * other names of 500 characters); a smaller one gets a shortened text. */
#define NAME_SEARCH_MAX 16384

/* The search text is "WORDS | KEYS || PAIRS": the part before NAME_SEARCH_MARK is the normalised
 * name and other names; after it, the tokens that help spelling variants match; after
 * NAME_SEARCH_PAIRS, adjacent words written together, which help missing spaces match. The store
 * relies on the marks (never produced by name_normalise) to rank exact matches and to tell keys
 * and pairs apart, each looked up only by a query word longer than the client's own word or key
 * that starts it (store/name_index.c). */
#define NAME_SEARCH_MARK " |"
#define NAME_SEARCH_PAIRS " ||"

/* name_search_text writes the text a client's name index rows are made of (one per token, see
 * store/name_index.h) and that name_query_tier checks: name_normalise(name),
 * a space and name_normalise(other_names) (either may be NULL), then, when there are any, " | "
 * and the keys: the name_key of each word and of each pair of adjacent words written together
 * where it differs from the pair; then " || " and those pairs ("nur haliza" adds "nurhaliza"). A
 * token already in the text is not repeated. The key of a first word is taken as a first word
 * both in the name and in the other names.
 * "Moh. Soekarno" → "moh soekarno | muhamad sukarno mohsukarno || mohsoekarno".
 * Extra tokens are added only whole; returns the length written. */
size_t name_search_text(const char *name, const char *other_names, char *out, size_t n);

/* A name search, parsed once: each normalised query word with the forms it matches. A word
 * matches a token of a search text (name_search_text) that starts with word, or starts with
 * prefix_key (name_key_prefix of word), or equals full_key (name_key of word, searched whole: it
 * may be shorter than the word, fatimah -> fatima, and as a prefix would find far too much). A
 * key equal to an earlier form is left empty. Words longer than NAME_TERM_MAX - 1 bytes are cut,
 * which widens their match; words after the NAME_QUERY_WORDS-th are ignored. */
#define NAME_QUERY_WORDS 16
#define NAME_TERM_MAX 128
/* Queries of at most this many words also try each pair of adjacent words written together
 * ("nur haliza" finds Nurhaliza). */
#define NAME_QUERY_JOIN_WORDS 6

struct name_term {
	char word[NAME_TERM_MAX], prefix_key[NAME_TERM_MAX], full_key[NAME_TERM_MAX];
};

struct name_query {
	int n;                                      /* words */
	struct name_term words[NAME_QUERY_WORDS];
	int njoin;                                  /* joins[j] is words j and j + 1 as one word */
	struct name_term joins[NAME_QUERY_WORDS - 1];
};

/* name_query_parse fills q from norm (name_normalise output, words separated by spaces); returns
 * the number of words (0: nothing to search). */
int name_query_parse(const char *norm, struct name_query *q);

/* name_term_match tells whether tok[0..n) matches t (any of its three forms). */
bool name_term_match(const struct name_term *t, const char *tok, size_t n);

/* name_query_tier places a client's search text against q: 0 when every query word starts a word
 * of the name or other names as written (an exact match, listed first), 1 when the text matches
 * only through spelling keys or words written together (a variant), -1 when it does not match:
 * it matches when every word matches a token of the text, or, for joins, when every word but a
 * joined pair does and the pair matches as one word. */
int name_query_tier(const struct name_query *q, const char *text);

#endif
