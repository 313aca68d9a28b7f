#!/bin/sh
# Source rules that a compiler does not check: banned functions, which layer may include which
# library header, and user text reaching HTML only through the escaping writer.
set -u
cd "$(dirname "$0")/.."
fail=0
say() { echo "lint: $*"; fail=1; }

# 1. Banned functions (unbounded or unchecked): use buf_printf/snprintf, str_parse_long, arena_printf.
hits=$(grep -nE '\b(sprintf|vsprintf|strcat|strcpy|strncpy|strtok|sscanf|atoi|atol|gets)\s*\(' src/ -r --include='*.c' --include='*.h' | grep -v '^\S*:\s*/\*')
[ -n "$hits" ] && say "banned function:
$hits"

# 2. Only the store's backend files include the database library, only http/server.c the HTTP one.
hits=$(grep -rln '#include <sqlite3.h>\|#include <libpq-fe.h>' src/ | grep -v '^src/store/db_')
[ -n "$hits" ] && say "database header outside src/store/db_*.c: $hits"
hits=$(grep -rln '#include <microhttpd.h>' src/ | grep -v '^src/http/server.c$')
[ -n "$hits" ] && say "microhttpd.h outside src/http/server.c: $hits"

# 3. Layers call only downwards: domain and store know nothing of HTTP, web or API.
hits=$(grep -rlnE '#include "(http|web|api|cli)/' src/domain src/store src/base)
[ -n "$hits" ] && say "a lower layer includes an upper one: $hits"

# 4. HTML is written only through html_printf/html_escape: no buf_printf/buf_puts into a page body
#    in the web layer (raw output must be asked for by name with %R).
hits=$(grep -nE 'buf_(printf|puts|append)\(&rs->body' src/web/*.c | grep -v 'f->data, f->size')
[ -n "$hits" ] && say "raw write into an HTML body (use html_printf):
$hits"

# 5. SQL text is never built from user input: sqlite3_mprintf and printf into SQL are not used
#    outside the store; the store's dynamic SQL only appends fixed fragments and ?N placeholders.
hits=$(grep -rn 'mprintf\|snprintf(sql' src/ | grep -v '^src/store/client_store.c' | grep -v '^src/store/db_sqlite.c:.*PRAGMA cache_size=-%d')
[ -n "$hits" ] && say "SQL built with printf outside the reviewed search builder:
$hits"

# 6. html_printf knows %s %R %U %d %ld %lld %zu %%; anything else fails at run time.
hits=$(python3 - <<'PYEOF'
import re, glob
ok = re.compile(r'(s|R|U|d|ld|lld|zu|%)')
for f in sorted(glob.glob('src/web/*.c')):
    src = open(f).read()
    for m in re.finditer(r'html_printf\(&rs->body,\s*((?:"(?:[^"\\]|\\.)*"\s*)+)', src):
        fmt = ''.join(re.findall(r'"((?:[^"\\]|\\.)*)"', m.group(1)))
        i = fmt.find('%')
        while i >= 0:
            if not ok.match(fmt, i + 1):
                print('%s:%d: %s' % (f, src[:m.start()].count('\n') + 1, fmt[i:i + 4]))
            i = fmt.find('%', i + 2)
PYEOF
)
[ -n "$hits" ] && say "html_printf conversion it does not know:
$hits"

[ $fail -eq 0 ] && echo "lint: ok"
exit $fail
