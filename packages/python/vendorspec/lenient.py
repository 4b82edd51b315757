"""The lenient dialect the Ivanti server's Json.NET reader accepts (vendorspec's
`Syntax::Lenient`): strict JSON plus unquoted member names (letters, digits, `_`, `$`),
single-quoted strings (`\\'` allowed in both quotes), one trailing comma before `]` or `}`,
`//` and `/* */` comments wherever whitespace may be, and raw control characters inside
strings. Numbers and literals are strict. The first of duplicate members is kept, as
vendorspec reads them."""

import re

_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")
_ESCAPES = {'"': '"', "'": "'", "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}


def _is_name_char(c):
    return c.isalnum() or c in "_$"


def parse_lenient(text):
    p = _Parser(text)
    value = p.value(0)
    p.ws()
    if p.i != len(text):
        p.fail("trailing characters")
    return value


class _Parser:
    def __init__(self, text):
        self.t = text
        self.i = 1 if text.startswith("\ufeff") else 0

    def fail(self, what):
        raise ValueError(f"{what} at offset {self.i}")

    def peek(self, n=1):
        return self.t[self.i : self.i + n]

    def ws(self):
        t = self.t
        while self.i < len(t):
            c = t[self.i]
            if c in " \t\n\r":
                self.i += 1
            elif t.startswith("//", self.i):
                while self.i < len(t) and t[self.i] not in "\n\r":
                    self.i += 1
            elif t.startswith("/*", self.i):
                end = t.find("*/", self.i + 2)
                if end < 0:
                    self.fail("unterminated comment")
                self.i = end + 2
            else:
                return

    def string(self):
        t = self.t
        quote = t[self.i]
        self.i += 1
        out = []
        while True:
            if self.i >= len(t):
                self.fail("unterminated string")
            c = t[self.i]
            self.i += 1
            if c == quote:
                return "".join(out)
            if c != "\\":
                out.append(c)
                continue
            e = self.peek()
            self.i += 1
            if e == "u":
                digits = self.peek(4)
                if not re.fullmatch(r"[0-9a-fA-F]{4}", digits):
                    self.fail("bad \\u escape")
                self.i += 4
                out.append(chr(int(digits, 16)))
            elif e in _ESCAPES:
                out.append(_ESCAPES[e])
            else:
                self.fail("bad escape")

    def value(self, depth):
        if depth > 128:
            self.fail("nesting too deep")
        self.ws()
        c = self.peek()
        if c == "{":
            self.i += 1
            obj = {}
            self.ws()
            if self.peek() == "}":
                self.i += 1
                return obj
            while True:
                self.ws()
                if self.peek() in ('"', "'"):
                    name = self.string()
                else:
                    start = self.i
                    while self.i < len(self.t) and _is_name_char(self.t[self.i]):
                        self.i += 1
                    if self.i == start:
                        self.fail("expected a member name")
                    name = self.t[start : self.i]
                self.ws()
                if self.peek() != ":":
                    self.fail("expected ':'")
                self.i += 1
                v = self.value(depth + 1)
                obj.setdefault(name, v)
                self.ws()
                c = self.peek()
                self.i += 1
                if c == ",":
                    self.ws()
                    if self.peek() == "}":
                        self.i += 1
                        return obj
                elif c == "}":
                    return obj
                else:
                    self.fail("expected ',' or '}'")
        if c == "[":
            self.i += 1
            arr = []
            self.ws()
            if self.peek() == "]":
                self.i += 1
                return arr
            while True:
                arr.append(self.value(depth + 1))
                self.ws()
                c = self.peek()
                self.i += 1
                if c == ",":
                    self.ws()
                    if self.peek() == "]":
                        self.i += 1
                        return arr
                elif c == "]":
                    return arr
                else:
                    self.fail("expected ',' or ']'")
        if c in ('"', "'"):
            return self.string()
        for word, v in (("true", True), ("false", False), ("null", None)):
            if self.t.startswith(word, self.i):
                self.i += len(word)
                return v
        m = _NUMBER.match(self.t, self.i)
        if not m:
            self.fail("expected a value")
        self.i = m.end()
        s = m.group()
        return float(s) if any(ch in s for ch in ".eE") else int(s)
