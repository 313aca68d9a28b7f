#!/usr/bin/env python3
"""po-extract.py: collect the user-facing English messages (msgids) of pendamping from src/**/*.c.

Usage (from anywhere; paths are relative to the repository root unless absolute):
    python3 tools/po-extract.py                    print the sorted unique msgids, one a line
    python3 tools/po-extract.py --check po/id.po   exit 1 listing msgids without a translation in the
                                                   catalogue and translations whose printf
                                                   conversions (%s, %d, ...) differ from the msgid
    python3 tools/po-extract.py --update           rewrite po/id.po and po/en.po: keep translations,
                                                   add new msgids, drop unused ones
    python3 tools/po-extract.py --where            the msgids with the files they come from

What counts as a message (the code's own conventions, see src/base/i18n.h and src/web/html.h):
  * the argument of T("...") and N_("..."), request_t(rq, "..."), i18n_t(LANG_.., "..."), cli_t("..."),
    the third argument of faults_add(f, field, "..."), the fifth of api_error(rq, rs, code, field, "...");
  * the same position of any function that passes one of its parameters on to such a call
    (found by following the definitions: web_dl(rq, rs, "Label", v), web_input(..., label, ..., hint),
    web_error(rq, rs, code, "detail"), ...);
  * inside such an argument: every literal at value level, so both arms of a ternary
    (T(rc == X ? "a" : err_message(rc))), the strings of a named array indexed there
    (T(web_roles[i]), T(fields[k])), the literals returned by a function called there
    (T(policy_role_name(r)), err_message), and the values assigned to a local variable used there;
  * `*why = "..."` assignments (the reasons of nik_parse, region_check, ...);
  * the message column of err_table in src/base/err.c and the strings returned by nik_mismatch;
  * the role names and the household field names shown through T(u->role) and T(fields[k]).
Adjacent literals are concatenated and C escapes are decoded. Strings without a letter ("?", "—")
are not messages.
"""
import argparse
import os
import re
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# name -> indexes of the message arguments
BASE_SINKS = {"T": {0}, "N_": {0}, "request_t": {1}, "i18n_t": {1}, "cli_t": {0}, "faults_add": {2}, "api_error": {4}}
# translated through values stored in data (users.role, the household form): always messages
EXTRA_MSGIDS = ["admin", "supervisor", "worker", "volunteer", "viewer",
                "name", "relation", "sex", "birth_date", "nik"]
# out-parameters that carry a reason shown to the user: `*why = "..."`
REASON_OUT_PARAMS = {"why"}

KEYWORDS = {"if", "while", "for", "switch", "return", "sizeof", "do", "else", "case", "goto",
            "_Alignof", "alignof", "_Generic", "defined", "typeof", "__typeof__", "_Static_assert"}

# ---------------------------------------------------------------------------------- C tokens

TOKEN_RE = re.compile(r"""
    (?P<ws>\s+)
  | (?P<comment>//[^\n]*|/\*.*?\*/)
  | (?P<string>(?:u8|u|U|L)?"(?:[^"\\\n]|\\.)*")
  | (?P<char>(?:u8|u|U|L)?'(?:[^'\\\n]|\\.)*')
  | (?P<ident>[A-Za-z_][A-Za-z_0-9]*)
  | (?P<number>\.?[0-9](?:[eEpP][+-]|[A-Za-z0-9_.])*)
  | (?P<punct>->|\+\+|--|<<=|>>=|<<|>>|<=|>=|==|!=|&&|\|\||[-+*/%&|^!=<>]=|\.\.\.|\#\#|[^\s])
""", re.S | re.X)

SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "f": "\f", "v": "\v",
                  "\\": "\\", "'": "'", '"': '"', "?": "?", "e": "\x1b"}


def c_unescape(body):
    """Decodes the escapes of a C string literal body (UTF-8 source text stays as it is)."""
    out = []
    i = 0
    while i < len(body):
        c = body[i]
        if c != "\\":
            out.append(c)
            i += 1
            continue
        e = body[i + 1]
        if e in SIMPLE_ESCAPES:
            out.append(SIMPLE_ESCAPES[e])
            i += 2
        elif e in "01234567":
            m = re.match(r"[0-7]{1,3}", body[i + 1:])
            out.append(chr(int(m.group(0), 8)))
            i += 1 + len(m.group(0))
        elif e == "x":
            m = re.match(r"[0-9A-Fa-f]+", body[i + 2:])
            out.append(chr(int(m.group(0), 16)))
            i += 2 + len(m.group(0))
        elif e in "uU":
            n = 4 if e == "u" else 8
            out.append(chr(int(body[i + 2:i + 2 + n], 16)))
            i += 2 + n
        else:
            out.append(e)
            i += 2
    return "".join(out)


class Tok:
    __slots__ = ("kind", "text", "line", "value")

    def __init__(self, kind, text, line, value=None):
        self.kind, self.text, self.line, self.value = kind, text, line, value

    def __repr__(self):
        return "Tok(%s,%r,%d)" % (self.kind, self.text, self.line)


def tokenize(src):
    """C tokens without comments; adjacent string literals are merged into one token."""
    toks = []
    line = 1
    pos = 0
    n = len(src)
    while pos < n:
        # line continuations are invisible to the tokenizer
        if src.startswith("\\\n", pos):
            pos += 2
            line += 1
            continue
        m = TOKEN_RE.match(src, pos)
        if m is None:  # cannot happen: punct matches any non-space
            pos += 1
            continue
        kind = m.lastgroup
        text = m.group(0)
        if kind == "string":
            body = text[text.index('"') + 1:-1]
            value = c_unescape(body)
            if toks and toks[-1].kind == "string":
                toks[-1].value += value
                toks[-1].text += " " + text
            else:
                toks.append(Tok("string", text, line, value))
        elif kind not in ("ws", "comment"):
            toks.append(Tok(kind, text, line))
        line += text.count("\n")
        pos = m.end()
    return toks


def matching(toks, i):
    """Index of the bracket closing the one at toks[i]."""
    pairs = {"(": ")", "[": "]", "{": "}"}
    opener = toks[i].text
    closer = pairs[opener]
    depth = 0
    for j in range(i, len(toks)):
        t = toks[j].text
        if toks[j].kind != "punct":
            continue
        if t == opener:
            depth += 1
        elif t == closer:
            depth -= 1
            if depth == 0:
                return j
    return len(toks) - 1


def split_args(toks, lo, hi):
    """Splits toks[lo:hi] (inside a call's parentheses) at top-level commas: a list of (lo, hi)."""
    args = []
    depth = 0
    start = lo
    for j in range(lo, hi):
        t = toks[j]
        if t.kind != "punct":
            continue
        if t.text in "([{":
            depth += 1
        elif t.text in ")]}":
            depth -= 1
        elif t.text == "," and depth == 0:
            args.append((start, j))
            start = j + 1
    if start < hi or args:
        args.append((start, hi))
    return args


# ------------------------------------------------------------------------------ the sources

class Function:
    def __init__(self, unit, name, params, lo, hi):
        self.unit, self.name, self.params, self.lo, self.hi = unit, name, params, lo, hi


class Unit:
    """One .c file: its tokens, function definitions and named initialised arrays."""

    def __init__(self, path, rel):
        self.path, self.rel = path, rel
        with open(path, encoding="utf-8") as f:
            self.toks = tokenize(f.read())
        self.functions = []
        self.arrays = {}  # name -> list of (lo, hi) of the initialiser braces
        self._scan()

    def _scan(self):
        toks = self.toks
        depth = 0
        i = 0
        while i < len(toks):
            t = toks[i]
            if t.kind == "punct" and t.text == "{":
                if depth == 0:
                    fn = self._definition_before(i)
                    if fn:
                        j = matching(toks, i)
                        self.functions.append(Function(self, fn[0], fn[1], i, j))
                depth += 1
            elif t.kind == "punct" and t.text == "}":
                depth -= 1
            elif (t.kind == "ident" and i + 1 < len(toks) and toks[i + 1].text == "["
                  and (i == 0 or toks[i - 1].text not in (".", "->"))):
                # name [ ... ] ... = {
                j = matching(toks, i + 1) + 1
                while j < len(toks) and toks[j].text == "[":
                    j = matching(toks, j) + 1
                if j + 1 < len(toks) and toks[j].text == "=" and toks[j + 1].text == "{":
                    self.arrays.setdefault(t.text, []).append((j + 1, matching(toks, j + 1)))
            i += 1

    def _definition_before(self, i):
        """(name, params) when the '{' at i opens a function body: name ( params ) {."""
        toks = self.toks
        if i == 0 or toks[i - 1].text != ")":
            return None
        depth = 0
        j = i - 1
        while j >= 0:
            if toks[j].text == ")":
                depth += 1
            elif toks[j].text == "(":
                depth -= 1
                if depth == 0:
                    break
            j -= 1
        if j <= 0 or toks[j - 1].kind != "ident" or toks[j - 1].text in KEYWORDS:
            return None
        params = []
        for lo, hi in split_args(toks, j + 1, i - 1):
            names = [k for k in range(lo, hi) if toks[k].kind == "ident"]
            params.append(toks[names[-1]].text if names else None)
        if params == ["void"]:
            params = []
        return toks[j - 1].text, params

    def function_at(self, i):
        for fn in self.functions:
            if fn.lo <= i <= fn.hi:
                return fn
        return None


class Extractor:
    def __init__(self, root):
        self.root = root
        self.units = []
        srcdir = os.path.join(root, "src")
        for dirpath, dirnames, filenames in os.walk(srcdir):
            dirnames.sort()
            for name in sorted(filenames):
                if name.endswith(".c"):
                    path = os.path.join(dirpath, name)
                    self.units.append(Unit(path, os.path.relpath(path, root)))
        self.functions = {}
        for u in self.units:
            for fn in u.functions:
                self.functions.setdefault(fn.name, []).append(fn)
        self.sinks = {k: set(v) for k, v in BASE_SINKS.items()}
        self.msgids = {}  # msgid -> set of files

    # -- a message argument

    def add(self, value, unit):
        # Codes such as "verbal_witness" or "birth_date" reach T() only through lookups that
        # fall back to the code itself; they are never messages.
        if value and re.search(r"[^\W\d_]", value) and not re.fullmatch(r"[a-z0-9]+(_[a-z0-9]+)+", value):
            self.msgids.setdefault(value, set()).add(unit.rel)

    def literals(self, unit, lo, hi, seen, fn=None, params=None):
        """Collects the literals an expression toks[lo:hi] may evaluate to. Records parameters of
        fn that flow into it in params (a set) when given. The conditions of ternaries are not
        values: in `max <= 100 ? "a" : "b"` only "a" and "b" are."""
        toks = unit.toks
        # split at the top-level ? and : of ternaries; a part ended by ? is a condition
        parts = []
        depth = 0
        start = lo
        for j in range(lo, hi):
            t = toks[j]
            if t.kind != "punct":
                continue
            if t.text in "([{":
                depth += 1
            elif t.text in ")]}":
                depth -= 1
            elif t.text in ("?", ":") and depth == 0:
                parts.append((start, j, t.text == "?"))
                start = j + 1
        parts.append((start, hi, False))
        for plo, phi, is_cond in parts:
            if not is_cond:
                self.value(unit, plo, phi, seen, fn, params)

    def value(self, unit, lo, hi, seen, fn, params):
        toks = unit.toks
        i = lo
        while i < hi:
            t = toks[i]
            prev = toks[i - 1].text if i > lo else None
            nxt = toks[i + 1].text if i + 1 < hi else None
            if t.kind == "string":
                self.add(t.value, unit)
            elif t.kind == "punct" and t.text == "(":
                close = matching(toks, i)
                self.literals(unit, i + 1, close, seen, fn, params)  # grouping or a cast
                i = close + 1
                continue
            elif t.kind == "ident" and prev not in (".", "->"):
                if nxt == "(" and t.text not in KEYWORDS:
                    close = matching(toks, i + 1)
                    if t.text not in self.sinks:  # a sink is collected where it stands
                        self.returned(t.text, unit, seen)
                    i = close + 1
                    continue
                if nxt == "[":
                    close = matching(toks, i + 1)
                    after = toks[close + 1].text if close + 1 < hi else None
                    if after not in (".", "->"):
                        self.array(t.text, unit, seen, fn if fn and fn.lo <= i <= fn.hi else unit.function_at(i))
                    i = close + 1
                    continue
                if nxt not in (".", "->") and t.text not in KEYWORDS:
                    self.variable(t.text, unit, i, seen, fn, params)
            i += 1

    def array(self, name, unit, seen, fn=None):
        """The literals of the initialiser of the array name as seen from fn: an array defined in
        fn, else one defined at file level, else any of that name in this file or another."""
        key = ("array", unit.rel, fn.lo if fn else None, name)
        if key in seen:
            return
        seen.add(key)
        spans = unit.arrays.get(name, [])
        where = [s for s in spans if fn and fn.lo <= s[0] <= fn.hi] or \
            [s for s in spans if unit.function_at(s[0]) is None] or spans
        where = [(unit, s) for s in where] or \
            [(u, s) for u in self.units for s in u.arrays.get(name, []) if u.function_at(s[0]) is None]
        for u, (lo, hi) in where:
            # An array whose messages are marked with N_() names them itself; its other strings
            # are codes (choice values, kinds), not messages.
            if any(u.toks[k].kind == "ident" and u.toks[k].text == "N_" for k in range(lo, hi)):
                continue
            for k in range(lo, hi):
                if u.toks[k].kind == "string":
                    self.add(u.toks[k].value, u)

    def returned(self, name, unit, seen):
        """The literals that function name returns."""
        key = ("fn", name)
        if key in seen:
            return
        seen.add(key)
        for fn in self.functions.get(name, []):
            toks = fn.unit.toks
            for k in range(fn.lo, fn.hi):
                if toks[k].kind == "ident" and toks[k].text == "return":
                    end = self.statement_end(toks, k + 1)
                    self.literals(fn.unit, k + 1, end, seen, fn)

    def variable(self, name, unit, i, seen, fn, params):
        """The literals assigned to a local variable (or a parameter flowing into a sink)."""
        fn = fn if fn is not None and fn.lo <= i <= fn.hi else unit.function_at(i)
        if fn is None:
            return
        if params is not None and name in fn.params:
            params.add(name)
        key = ("var", unit.rel, fn.lo, name)
        if key in seen:
            return
        seen.add(key)
        toks = unit.toks
        for k in range(fn.lo, fn.hi):
            if (toks[k].kind == "ident" and toks[k].text == name and toks[k + 1].text == "="
                    and toks[k - 1].text not in (".", "->")):
                end = self.statement_end(toks, k + 2)
                self.literals(unit, k + 2, end, seen, fn, params)

    @staticmethod
    def statement_end(toks, k):
        depth = 0
        while k < len(toks):
            t = toks[k].text
            if t in "([{" and toks[k].kind == "punct":
                depth += 1
            elif t in ")]}" and toks[k].kind == "punct":
                if depth == 0:
                    return k
                depth -= 1
            elif (t == ";" or t == ",") and depth == 0:
                return k
            k += 1
        return k

    # -- the passes

    def calls(self):
        """(unit, enclosing function, (lo, hi)) of each message argument of each sink call."""
        for u in self.units:
            toks = u.toks
            for i, t in enumerate(toks[:-1]):
                if t.kind != "ident" or t.text not in self.sinks or toks[i + 1].text != "(":
                    continue
                if i > 0 and toks[i - 1].text in (".", "->"):
                    continue
                fn = u.function_at(i)
                close = matching(toks, i + 1)
                # a definition or declaration of the sink itself is not a call
                if close + 1 < len(toks) and toks[close + 1].text in ("{", ";") and \
                        i > 0 and toks[i - 1].kind == "ident" and toks[i - 1].text not in KEYWORDS:
                    continue
                if close + 1 < len(toks) and toks[close + 1].text == "{":
                    continue
                args = split_args(toks, i + 2, close)
                for idx in sorted(self.sinks[t.text]):
                    if idx < len(args):
                        yield u, fn, args[idx]

    def derive_sinks(self):
        """Functions that pass a parameter on to a sink become sinks themselves."""
        changed = True
        while changed:
            changed = False
            for u, fn, (lo, hi) in list(self.calls()):
                if fn is None or fn.name in BASE_SINKS:
                    continue
                params = set()
                self.literals(u, lo, hi, set(), fn, params)
                for p in params:
                    idx = fn.params.index(p)
                    if idx not in self.sinks.setdefault(fn.name, set()):
                        self.sinks[fn.name].add(idx)
                        changed = True

    def run(self):
        self.derive_sinks()
        for u, fn, (lo, hi) in self.calls():
            self.literals(u, lo, hi, set(), fn)
        for u in self.units:
            toks = u.toks
            for i in range(1, len(toks) - 2):
                # `*why = ...;`
                if (toks[i].text == "*" and toks[i + 1].kind == "ident"
                        and toks[i + 1].text in REASON_OUT_PARAMS and toks[i + 2].text == "="
                        and toks[i - 1].text in (";", "{", "}", ")", "else")):
                    end = self.statement_end(toks, i + 3)
                    self.literals(u, i + 3, end, set(), u.function_at(i))
            if u.rel.replace(os.sep, "/") == "src/base/err.c":
                self.err_table(u)
            if u.rel.replace(os.sep, "/") == "src/domain/nik.c":
                for fn in u.functions:
                    if fn.name == "nik_mismatch":
                        for k in range(fn.lo, fn.hi):
                            if toks[k].text == "return":
                                self.literals(u, k + 1, self.statement_end(toks, k + 1), set(), fn)
        for m in EXTRA_MSGIDS:
            self.msgids.setdefault(m, set()).add("(data)")
        return self.msgids

    def err_table(self, u):
        """The fourth column of each row of err_table = { {code, status, api, message}, ... }."""
        toks = u.toks
        for lo, hi in u.arrays.get("err_table", []):
            k = lo + 1
            while k < hi:
                if toks[k].text == "{":
                    close = matching(toks, k)
                    cols = split_args(toks, k + 1, close)
                    if len(cols) >= 4:
                        for j in range(*cols[3]):
                            if toks[j].kind == "string":
                                self.add(toks[j].value, u)
                    k = close
                k += 1


# ------------------------------------------------------------------------------- po files

def po_unquote(s):
    s = s.strip()
    if not (s.startswith('"') and s.endswith('"')):
        raise ValueError("not a quoted po string: %r" % s)
    return c_unescape(s[1:-1])


def po_quote(s):
    s = s.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\r", "\\r")
    if "\n" in s[:-1]:
        parts = s.split("\n")
        lines = [p + "\\n" for p in parts[:-1]] + ([parts[-1]] if parts[-1] else [])
        return '""\n' + "\n".join('"%s"' % p for p in lines)
    return '"%s"' % s.replace("\n", "\\n")


def show(s):
    """s as one quoted, escaped line for messages."""
    return '"%s"' % s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")


class Entry:
    def __init__(self):
        self.comments = []  # translator comments ("# ...") only; the rest is regenerated
        self.flags = set()
        self.msgid = None
        self.msgstr = None
        self.obsolete = False


def read_po(path):
    """The entries of a po file in order (obsolete "#~" entries are skipped)."""
    entries = []
    cur = Entry()
    field = None
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.rstrip("\n")
            s = line.strip()
            if not s:
                continue
            if s.startswith("#~"):
                continue
            if s.startswith("#"):
                if cur.msgstr is not None:
                    entries.append(cur)
                    cur = Entry()
                    field = None
                if s.startswith("#,"):
                    cur.flags.update(x.strip() for x in s[2:].split(",") if x.strip())
                elif s.startswith("# ") or s == "#":
                    cur.comments.append(line)
                continue
            if s.startswith("msgid "):
                if cur.msgstr is not None:
                    entries.append(cur)
                    cur = Entry()
                cur.msgid = po_unquote(s[6:])
                field = "msgid"
            elif s.startswith("msgstr "):
                cur.msgstr = po_unquote(s[7:])
                field = "msgstr"
            elif s.startswith('"'):
                if field == "msgid":
                    cur.msgid += po_unquote(s)
                elif field == "msgstr":
                    cur.msgstr += po_unquote(s)
            elif s.startswith("msgctxt") or s.startswith("msgid_plural") or s.startswith("msgstr["):
                raise ValueError("%s: unsupported po syntax: %s" % (path, s))
    if cur.msgid is not None:
        entries.append(cur)
    return entries


def header_text(old, lang):
    """The header msgstr: the old one with the fields msgfmt --check wants, UTF-8 and Language."""
    fields = []
    if old:
        for ln in old.split("\n"):
            if ":" in ln:
                k, v = ln.split(":", 1)
                fields.append([k.strip(), v.strip()])
    want = [("Project-Id-Version", "pendamping"),
            ("Report-Msgid-Bugs-To", ""),
            ("PO-Revision-Date", time.strftime("%Y-%m-%d %H:%M%z")),
            ("Last-Translator", "pendamping"),
            ("Language-Team", "Bahasa Indonesia" if lang == "id" else "English"),
            ("Language", lang),
            ("MIME-Version", "1.0"),
            ("Content-Type", "text/plain; charset=UTF-8"),
            ("Content-Transfer-Encoding", "8bit"),
            ("Plural-Forms", "nplurals=1; plural=0;" if lang == "id" else "nplurals=2; plural=(n != 1);")]
    have = {k for k, _ in fields}
    for f in fields:
        if f[0] == "Content-Type":
            f[1] = "text/plain; charset=UTF-8"
        elif f[0] == "Language":
            f[1] = lang
    order = [k for k, _ in want]
    for k, v in want:
        if k not in have:
            fields.append([k, v])
    fields.sort(key=lambda f: order.index(f[0]) if f[0] in order else len(order))
    return "".join("%s: %s\n" % (k, v) for k, v in fields)


def write_po(path, lang, msgids, keep_translations):
    old = read_po(path) if os.path.exists(path) else []
    by_id = {e.msgid: e for e in old if e.msgid}
    head = next((e for e in old if e.msgid == ""), None)
    out = []
    if head:
        out.extend(c + "\n" for c in head.comments)
    else:
        out.append("# pendamping: %s messages. Generated by tools/po-extract.py --update;\n"
                   % ("Bahasa Indonesia" if lang == "id" else "English"))
        out.append("# translations are kept, msgids come from src/.\n")
    out.append('msgid ""\nmsgstr ""\n')
    for ln in header_text(head.msgstr if head else "", lang).splitlines(True):
        out.append(po_quote(ln) + "\n")
    for m in sorted(msgids):
        e = by_id.get(m)
        out.append("\n")
        if e:
            out.extend(c + "\n" for c in e.comments)
        files = sorted(f for f in msgids[m] if not f.startswith("("))
        if files:
            out.append("#: " + " ".join(f.replace(os.sep, "/") for f in files) + "\n")
        flags = set(e.flags) if e else set()
        flags.discard("c-format")
        if printf_specs(m):
            flags.add("c-format")
        if flags:
            out.append("#, " + ", ".join(sorted(flags)) + "\n")
        out.append("msgid " + po_quote(m) + "\n")
        out.append("msgstr " + po_quote(e.msgstr if e and keep_translations and e.msgstr else "") + "\n")
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write("".join(out))
    os.replace(tmp, path)


PRINTF_RE = re.compile(r"%(?:\d+\$)?[-+ #0']*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?:hh|h|ll|l|L|z|j|t)?([diouxXeEfFgGaAcspn%])")


def printf_specs(s):
    return sorted(m.group(0) for m in PRINTF_RE.finditer(s) if m.group(1) != "%")


def check(path, msgids):
    entries = read_po(path)
    by_id = {e.msgid: e for e in entries if e.msgid}
    problems = []
    for m in sorted(msgids):
        e = by_id.get(m)
        if e is None:
            problems.append("missing: %s" % show(m))
        elif not e.msgstr or "fuzzy" in e.flags:
            problems.append("untranslated: %s" % show(m))
    for e in entries:
        if e.msgid and e.msgstr and printf_specs(e.msgid) != printf_specs(e.msgstr):
            problems.append("placeholders differ (%s vs %s): %s" % (
                " ".join(printf_specs(e.msgid)) or "none", " ".join(printf_specs(e.msgstr)) or "none",
                show(e.msgid)))
    unused = sorted(m for m in by_id if m not in msgids)
    for m in unused:
        print("%s: note: not used in src (removed by --update): %s" % (path, show(m)), file=sys.stderr)
    for p in problems:
        print("%s: %s" % (path, p))
    if problems:
        print("%s: %d problem(s) among %d msgids" % (path, len(problems), len(msgids)), file=sys.stderr)
        return 1
    print("%s: all %d msgids translated" % (path, len(msgids)), file=sys.stderr)
    return 0


def main():
    ap = argparse.ArgumentParser(description="Extract pendamping's user-facing msgids from src/**/*.c.")
    ap.add_argument("--check", metavar="PO", help="exit 1 listing msgids without a translation in PO")
    ap.add_argument("--update", action="store_true", help="rewrite po/id.po and po/en.po")
    ap.add_argument("--root", default=ROOT, help="repository root (default: this script's ../)")
    ap.add_argument("--where", action="store_true", help="print the files each msgid comes from")
    a = ap.parse_args()
    msgids = Extractor(a.root).run()
    rc = 0
    if a.update:
        write_po(os.path.join(a.root, "po", "id.po"), "id", msgids, True)
        write_po(os.path.join(a.root, "po", "en.po"), "en", msgids, False)
        print("po/id.po, po/en.po: %d msgids" % len(msgids), file=sys.stderr)
    if a.check:
        path = a.check if os.path.isabs(a.check) or os.path.exists(a.check) else os.path.join(a.root, a.check)
        rc = check(path, msgids)
    if not a.update and not a.check:
        for m in sorted(msgids):
            if a.where:
                print("%s\t%s" % (show(m), " ".join(sorted(msgids[m]))))
            else:
                print(show(m)[1:-1].replace('\\"', '"'))
    return rc


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # | head
        sys.exit(0)
