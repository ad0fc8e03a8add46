"""Break-out payloads: text that would end a string, comment, docstring, template
literal, HTML element or Markdown construct in some target language, and run code or
change the page if it did. The code they would run writes a marker file and prints,
so an escape is seen in the generated package's import."""

from __future__ import annotations

MARKER = "HOSTILE_MARKER"
# Python that would leave a trace if it ever ran.
CODE = f'__import__("builtins").print("PWNED") or open("{MARKER}", "w").close()'
JS = f'require("fs").writeFileSync("{MARKER}", "x"); console.log("PWNED")'

PAYLOADS: dict[str, str] = {
    "triple double quotes": f'"""\n{CODE}\n"""',
    "triple single quotes": f"'''\n{CODE}\n'''",
    "double quote": f'"; {CODE}; x = "',
    "single quote": f"'; {CODE}; x = '",
    "backslash": f'end\\\\" + {CODE} + "\\',
    "trailing backslash": "ends with a backslash \\",
    "newline": f"x\n{CODE}\n# ",
    "carriage return": f"x\r{CODE}\r# ",
    "line and paragraph separators": f"x\u2028{CODE}\u2029{JS}\u0085y",
    "nul and control characters": "a\x00b\x1b[31mred\x07\x08\x0b\x0c\x7f\x9b end",
    "block comment end": f"*/ {JS} /* */",
    "backtick and template literal": f"`; {JS}; `${{{JS}}}` ${{process.exit(1)}}",
    "script end tag": f"</script><script>window.{MARKER}=1;alert(1)</script><!-- -->",
    "html": (f'<img src=x onerror="window.{MARKER}=1"><b>bold</b><iframe src=javascript:alert(1)>'
             f'<svg onload="window.{MARKER}=1"></svg>\' onfocus=\'window.{MARKER}=1\' autofocus x=\''),
    "markdown": ("# Heading\n\n---\n| a | b |\n|---|---|\n[link](javascript:alert(1)) "
                 "![img](x) *em* __strong__ <https://evil> > quote\n- item\n1. one\n```\nfence\n```"),
    "template syntax": "{{ 7*7 }}{% raw %}{# c #}${7*7}#{7*7}%(x)s{0.__class__}",
    "format and f-string": f"{{{CODE}}} %s %(name)s f'{{x}}'",
    "unicode escapes": "\\u0022\\x22\\N{QUOTATION MARK}\\042 \"\"\"",
    "trojan source bidi": "user\u202e \u2066// admin\u2069 \u2067x\u200f\u061c",
    "bom and zero width": "\ufeff\u200b\u200c\u200d\u2060 zw",
    "long line": "x" * 5000 + '"""',
}

# Names: keywords, builtins and dunders of Python and TypeScript, pydantic attributes,
# names that differ only in case or punctuation, the empty name.
NAMES: list[str] = [
    "class", "def", "None", "True", "import", "lambda", "match", "case", "type", "async",
    "await", "print", "open", "exec", "eval", "__import__", "str", "int", "list", "dict",
    "object", "id", "__init__", "__class__", "__dict__", "__all__", "__getattr__",
    "__builtins__", "__proto__", "__pydantic_fields__", "_private", "model_config",
    "model_fields", "model_validate", "schema", "json", "copy", "constructor", "prototype",
    "toString", "valueOf", "hasOwnProperty", "function", "interface", "enum", "any",
    "unknown", "never", "delete", "void", "typeof", "instanceof", "let", "var", "const",
    "undefined", "NaN", "Infinity", "Foo", "foo", "FOO", "f-o-o", "f_o_o", "f o o",
    "foo ", "fOO", "", "0", "1st", "$ref", "a.b", "a/b", "a~b", "-", "_", "__",
]
