"""The office profile: one TOML file an office writes once (county, townships, office, limits).

The same file feeds the segmenter (place names stay whole), the extractor (suffix-less township
names, village → township), the notices (office name, 复查 authority, local time limits) and the
ledger reader (unusual column headers). ``xfnlp`` ships the seeds' district as an example.

>>> p = load_profile()
>>> p.office.name
'淮安市淮安区自然资源和规划局'
>>> p.township_of("南河村")
'流均镇'
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

from .errors import ProfileError


@dataclass(frozen=True)
class Township:
    name: str                                  # 车桥镇
    aliases: tuple[str, ...] = ()              # 车桥 (suffix-less), other spellings
    former_names: tuple[str, ...] = ()         # 马甸镇 (merged away) …
    villages: tuple[str, ...] = ()             # 城南村 …


@dataclass(frozen=True)
class Office:
    name: str = "XX县自然资源和规划局"
    short_name: str = "我局"
    doc_prefix: str = "XX自然资规信"          # 发文字号 → XX自然资规信〔2023〕5号
    # 代字 per notice kind, where the office numbers each kind in its own series
    # ([office.doc_prefixes] accept = "XX自然资规信受"); kinds not listed use doc_prefix.
    doc_prefixes: dict = field(default_factory=dict)
    higher_authority: str = "XX市自然资源和规划局"   # receives 复查 requests
    review_authority: str = "XX省自然资源厅"          # receives 复核 requests
    address: str = ""
    phone: str = ""
    postcode: str = ""
    letters_office: str = ""                 # 信访室 / 信访科, as the notices name it
    contact: str = ""                        # 联系人 printed with the phone, unless given per notice


@dataclass(frozen=True)
class Limits:
    accept_notice_days: int = 15       # 《信访工作条例》第二十四条: 书面告知 within 15 days
    handle_days: int = 60              # 第三十二条: 办结 within 60 days of acceptance
    extension_days: int = 30           # … extendable once by at most 30 days
    review_request_days: int = 30      # 复查/复核 request window
    review_answer_days: int = 30       # 复查/复核 answered within 30 days
    local_reply_days: int = 5          # local rule: 一般事项5日内答复
    local_major_days: int = 20         # local rule: 重大事项20日内办结
    working_days: bool = False         # count working days instead of calendar days


@dataclass(frozen=True)
class Profile:
    county: str = ""
    office: Office = field(default_factory=Office)
    limits: Limits = field(default_factory=Limits)
    townships: tuple[Township, ...] = ()
    ledger_columns: dict = field(default_factory=dict)   # header in the file -> canonical name
    source: str = "<default>"

    def township_names(self) -> list[str]:
        """Every surface form of every township (names, aliases, former names)."""
        out = []
        for t in self.townships:
            out.extend([t.name, *t.aliases, *t.former_names])
        return out

    def canonical_township(self, surface: str) -> str | None:
        """The current official name for a surface form, or None.

        >>> load_profile().canonical_township("林集")
        '林集镇'
        """
        return self._index()[0].get(surface)

    def township_of(self, village: str) -> str | None:
        """The township a village of the profile belongs to."""
        return self._index()[1].get(village)

    def _index(self):
        idx = _INDEX_CACHE.get(id(self))
        if idx is None:
            names, villages = {}, {}
            for t in self.townships:
                for s in (t.name, *t.aliases, *t.former_names):
                    names.setdefault(s, t.name)
                for v in t.villages:
                    villages.setdefault(v, t.name)
            idx = _INDEX_CACHE[id(self)] = (names, villages)
        return idx


_INDEX_CACHE: dict[int, tuple[dict, dict]] = {}


def _as_tuple(value, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ProfileError(f"{where}: expected a list of strings")
    return tuple(value)


def parse_profile(data: dict, source: str = "<dict>") -> Profile:
    """Build a Profile from parsed TOML; raise ProfileError naming the bad key."""
    try:
        office = Office(**data.get("office", {}))
    except TypeError as exc:
        raise ProfileError(f"{source}: [office]: {exc}") from None
    from .docs.kinds import KIND_NAMES

    for kind, prefix in office.doc_prefixes.items():
        if kind not in KIND_NAMES:
            raise ProfileError(f"{source}: [office.doc_prefixes]: unknown notice kind {kind!r} "
                               f"(one of {', '.join(KIND_NAMES)})")
        if not isinstance(prefix, str) or not prefix.strip():
            raise ProfileError(f"{source}: [office.doc_prefixes]: {kind} must be a non-empty string")
    try:
        limits = Limits(**data.get("limits", {}))
    except TypeError as exc:
        raise ProfileError(f"{source}: [limits]: {exc}") from None
    towns = []
    for i, t in enumerate(data.get("townships", []), 1):
        if not isinstance(t, dict) or not isinstance(t.get("name"), str) or not t["name"]:
            raise ProfileError(f"{source}: townships #{i}: needs a name")
        where = f"{source}: township {t['name']}"
        towns.append(Township(
            name=t["name"],
            aliases=_as_tuple(t.get("aliases"), where + ".aliases"),
            former_names=_as_tuple(t.get("former_names"), where + ".former_names"),
            villages=_as_tuple(t.get("villages"), where + ".villages"),
        ))
    cols = data.get("ledger", {}).get("columns", {})
    if not isinstance(cols, dict):
        raise ProfileError(f"{source}: [ledger.columns] must map headers to names")
    return Profile(county=data.get("county", {}).get("name", ""), office=office, limits=limits,
                   townships=tuple(towns), ledger_columns=dict(cols), source=source)


@lru_cache(maxsize=8)
def load_profile(path: str | None = None) -> Profile:
    """Load a profile TOML file; ``None`` gives the bundled example (the seeds' district)."""
    if path is None:
        raw = resources.files("xfnlp.data").joinpath("profiles/huaian.toml").read_bytes()
        source = "huaian.toml (bundled)"
    else:
        p = Path(path)
        try:
            raw = p.read_bytes()
        except OSError as exc:
            raise ProfileError(f"{path}: cannot read profile ({exc.strerror})") from None
        source = str(path)
    try:
        data = tomllib.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ProfileError(f"{source}: not valid UTF-8 TOML ({exc})") from None
    return parse_profile(data, source)
