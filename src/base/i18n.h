/* i18n.h: user-facing text in Bahasa Indonesia (default) and English.
 *
 * Messages are written in English in the code (the msgid) and translated in po/id.po and po/en.po,
 * which are compiled into the binary and loaded once at start. */
#ifndef PD_I18N_H
#define PD_I18N_H

enum lang { LANG_ID = 0, LANG_EN = 1 };

/* i18n_init parses the embedded catalogues; 0 or ERR_NOMEM. Call once before threads start. */
int i18n_init(void);
/* i18n_t returns msgid translated into lang, or msgid itself when there is no translation. */
const char *i18n_t(enum lang lang, const char *msgid) __attribute__((format_arg(2)));
/* i18n_lang_parse maps "id"/"en" to a language; LANG_ID for anything else. */
enum lang i18n_lang_parse(const char *s);
/* i18n_lang_code is "id" or "en". */
const char *i18n_lang_code(enum lang lang);
/* i18n_missing counts msgids in the Indonesian catalogue without a translation (tests). */
int i18n_missing(void);

/* N_ marks a string for extraction without translating it in place. */
#define N_(s) (s)

#endif
