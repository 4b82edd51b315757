// The lenient dialect the Ivanti server's Json.NET reader accepts (vendorspec's
// `Syntax::Lenient`): strict JSON plus unquoted member names (letters, digits, `_`, `$`),
// single-quoted strings (`\'` allowed in both quotes), one trailing comma before `]` or `}`,
// `//` and `/* */` comments wherever whitespace may be, and raw control characters inside
// strings. Numbers and literals are strict. The first of duplicate members is kept, as
// vendorspec reads them. json5 is not used: it reads a different dialect (hex numbers,
// Infinity, but no raw newlines in strings).

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const NAME = /[\p{L}\p{N}_$]+/uy;
const ESCAPES = { '"': '"', "'": "'", "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };

export function parseLenient(text) {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const fail = (what) => {
    throw new SyntaxError(`${what} at offset ${i}`);
  };
  const ws = () => {
    for (;;) {
      const c = text[i];
      if (c === " " || c === "\t" || c === "\n" || c === "\r") i++;
      else if (c === "/" && text[i + 1] === "/") {
        while (i < text.length && text[i] !== "\n" && text[i] !== "\r") i++;
      } else if (c === "/" && text[i + 1] === "*") {
        const end = text.indexOf("*/", i + 2);
        if (end < 0) fail("unterminated comment");
        i = end + 2;
      } else return;
    }
  };
  const string = () => {
    const quote = text[i++];
    let s = "";
    for (;;) {
      if (i >= text.length) fail("unterminated string");
      const c = text[i++];
      if (c === quote) return s;
      if (c !== "\\") {
        s += c;
        continue;
      }
      const e = text[i++];
      if (e === "u") {
        const hex = text.slice(i, i + 4);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail("bad \\u escape");
        i += 4;
        s += String.fromCharCode(parseInt(hex, 16));
      } else if (e in ESCAPES) s += ESCAPES[e];
      else fail("bad escape");
    }
  };
  const value = (depth) => {
    if (depth > 128) fail("nesting too deep");
    ws();
    const c = text[i];
    if (c === "{") {
      i++;
      const obj = {};
      ws();
      if (text[i] === "}") {
        i++;
        return obj;
      }
      for (;;) {
        ws();
        let name;
        if (text[i] === '"' || text[i] === "'") name = string();
        else {
          NAME.lastIndex = i;
          const m = NAME.exec(text);
          if (!m) fail("expected a member name");
          name = m[0];
          i += name.length;
        }
        ws();
        if (text[i++] !== ":") fail("expected ':'");
        const v = value(depth + 1);
        if (!Object.prototype.hasOwnProperty.call(obj, name))
          Object.defineProperty(obj, name, { value: v, enumerable: true, writable: true, configurable: true });
        ws();
        if (text[i] === ",") {
          i++;
          ws();
          if (text[i] === "}") {
            i++;
            return obj;
          }
        } else if (text[i] === "}") {
          i++;
          return obj;
        } else fail("expected ',' or '}'");
      }
    }
    if (c === "[") {
      i++;
      const arr = [];
      ws();
      if (text[i] === "]") {
        i++;
        return arr;
      }
      for (;;) {
        arr.push(value(depth + 1));
        ws();
        if (text[i] === ",") {
          i++;
          ws();
          if (text[i] === "]") {
            i++;
            return arr;
          }
        } else if (text[i] === "]") {
          i++;
          return arr;
        } else fail("expected ',' or ']'");
      }
    }
    if (c === '"' || c === "'") return string();
    for (const [word, v] of [["true", true], ["false", false], ["null", null]]) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return v;
      }
    }
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (!m) fail("expected a value");
    i += m[0].length;
    return Number(m[0]);
  };
  const v = value(0);
  ws();
  if (i !== text.length) fail("trailing characters");
  return v;
}
