"""Every translation call can be read by the extractor (issue 12, item 6).

``makemessages`` (xgettext) only collects literal texts: ``_(SOME_CONSTANT)`` or ``{% translate name %}`` hide
their text from the catalogues, and a call inside an f-string expression is easy to miss when the text is
built around it. Such a text is then Dutch in every family language while the completeness test, which reads
the catalogues, stays green. This check reads the code instead.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.PACKAGE_DIR)
CALLS = {"_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy", "gettext_noop"}
CONTEXT_CALLS = {"pgettext", "pgettext_lazy", "npgettext", "npgettext_lazy"}
TEMPLATE_CALL = re.compile(r"{%\s*(?:translate|trans)\s+(?![\"'])(\S+)")


def _name(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def _literal(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def hidden_calls(source: str, where: str) -> list[str]:
    tree = ast.parse(source)
    in_fstrings = {
        id(sub) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for sub in ast.walk(node)
    }
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = _name(node)
        texts = node.args[:1] if name in CALLS else node.args[:2] if name in CONTEXT_CALLS else None
        if texts is None:
            continue
        if id(node) in in_fstrings:
            found.append(f"{where}:{node.lineno}: translation inside an f-string")
        if not texts or not all(_literal(t) for t in texts):
            found.append(f"{where}:{node.lineno}: {ast.unparse(node)[:70]} is not a literal text")
    return found


def test_the_check_finds_hidden_texts():
    assert sorted(hidden_calls('x = _(TEXT)\ny = f"{_(\'a\')} b"\nz = pgettext("c", NAME)', "m.py")) == [
        "m.py:1: _(TEXT) is not a literal text",
        "m.py:2: translation inside an f-string",
        "m.py:3: pgettext('c', NAME) is not a literal text",
    ]


def test_every_translation_call_in_the_code_is_a_literal_text():
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        found += hidden_calls(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))

    assert not found, "the extractor cannot see: " + "; ".join(found)


def test_every_translate_tag_in_the_templates_holds_a_literal_text():
    found = []
    for path in sorted(ROOT.rglob("templates/**/*")):
        if path.is_file() and path.suffix in {".html", ".txt"}:
            for match in TEMPLATE_CALL.finditer(path.read_text(encoding="utf-8")):
                found.append(f"{path.relative_to(ROOT)}: {{% translate {match.group(1)} %}}")

    assert not found, "the extractor cannot see: " + "; ".join(found)
