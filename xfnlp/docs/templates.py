"""Notice templates: package data ``xfnlp/data/templates/<kind>.txt`` or the office's folder.

Templates are text files a user controls, so they are rendered in jinja2's
``SandboxedEnvironment`` (no access to Python internals), with ``StrictUndefined`` (a
misspelt variable is an error naming it) and no autoescape (the output is not HTML). Every
inserted value is wrapped in the markup's OPEN/CLOSE marks so it can never become markup.
A template in the office's folder replaces the bundled one of the same name; the others
still come from the package, so ``{% include %}`` works across both.

>>> render_string("@to {{ 信访人 }}：", {"信访人": "张三"}).replace(OPEN, "").replace(CLOSE, "")
'@to 张三：'
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from ..errors import TemplateError
from .markup import CLOSE, OPEN, clean_text


def _finalize(value):
    # Runs on every {{ … }}: None prints nothing (optional fields use {% if %} anyway).
    if value is None:
        return ""
    return OPEN + clean_text(str(value)) + CLOSE


def _bundled(name: str):
    res = resources.files("xfnlp.data").joinpath("templates", *name.split("/"))
    try:
        return res.read_text(encoding="utf-8"), f"xfnlp/data/templates/{name} (bundled)", lambda: True
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return None


def environment(templates_dir=None):
    """A sandboxed jinja2 environment over the office folder (if any), then the bundled set."""
    import jinja2
    from jinja2.sandbox import SandboxedEnvironment

    loaders = []
    if templates_dir is not None:
        folder = Path(templates_dir)
        if not folder.is_dir():
            raise TemplateError(f"{templates_dir}: templates folder not found")
        loaders.append(jinja2.FileSystemLoader(str(folder), encoding="utf-8"))
    loaders.append(jinja2.FunctionLoader(_bundled))
    return SandboxedEnvironment(
        loader=jinja2.ChoiceLoader(loaders), autoescape=False, undefined=jinja2.StrictUndefined,
        finalize=_finalize, keep_trailing_newline=True)


def _render(env, get_template, name: str, context: dict) -> str:
    import jinja2
    from jinja2.sandbox import SecurityError

    try:
        return get_template().render(**context)
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(f"template {exc.name} not found (office folder nor bundled)") from None
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"{exc.filename or exc.name or name}: line {exc.lineno}: "
                            f"{exc.message}") from None
    except jinja2.UndefinedError as exc:
        known = ", ".join(sorted(k for k in context if not k.startswith("_")))
        raise TemplateError(f"{name}: {exc.message} (known variables: {known})") from None
    except SecurityError as exc:
        raise TemplateError(f"{name}: not allowed in a template: {exc}") from None
    except UnicodeDecodeError:
        raise TemplateError(f"{name}: template is not UTF-8") from None


def render(kind: str, context: dict, templates_dir=None) -> str:
    """Render ``<kind>.txt`` with ``context``; the result is template markup text."""
    env = environment(templates_dir)
    name = f"{kind}.txt"
    return _render(env, lambda: env.get_template(name), name, context)


def render_string(source: str, context: dict, templates_dir=None) -> str:
    """Render template text given directly (tests, previews)."""
    env = environment(templates_dir)
    return _render(env, lambda: env.from_string(source), "<string>", context)
