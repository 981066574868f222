"""Load and validate knowledge/ into typed objects.

Every problem is reported with the file, the item and the field, so that a reviewer who
edited a YAML file can find what to mend. `load()` raises KnowledgeError listing all of
them; `python -m bot knowledge check` prints them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from bot.knowledge.copies import CITATION_KEYS, copied_runs, copied_text_runs  # noqa: F401
from bot.knowledge.copies import norm_text as _norm
from bot.knowledge.models import (  # noqa: F401  (the types are imported from here across the project)
    _COMMON_OPT,
    AGE_BANDS,
    CONTACT_KEYS,
    ID_RE,
    LEVEL_IDS,
    OWN_SHAPE_DIRS,
    OWN_SHAPE_FILES,
    SECTIONS,
    Contact,
    Criterion,
    Document,
    Framework,
    Item,
    KnowledgeError,
    Level,
    NeglectType,
    NextStep,
    Pitfall,
    Profile,
    RiskFactor,
    Source,
    Term,
)
from bot.settings import get_settings


@dataclass(eq=False)  # hashed by identity, so per-knowledge-base caches work
class KnowledgeBase:
    documents: dict[str, Document]
    items: dict[str, Item]
    profiles: dict[str, Profile]
    extra: dict[str, Any]  # raw data of the own-shape files, by relative path
    active_profile_id: str = "default"

    def get(self, item_id: str) -> Item:
        return self.items[item_id]

    def of_kind(self, kind: str) -> list[Item]:
        return [i for i in self.items.values() if i.kind == kind]

    @property
    def neglect_types(self) -> list[NeglectType]:
        return self.of_kind("neglect_type")  # type: ignore[return-value]

    @property
    def levels(self) -> list[Level]:
        return sorted(self.of_kind("level"), key=lambda lv: lv.rank)  # type: ignore[arg-type, return-value]

    @property
    def profile(self) -> Profile:
        return self.profiles[self.active_profile_id]

    def cite(self, source: Source) -> str:
        doc = self.documents[source.doc]
        where = f"{doc.title}, '{source.section}'"
        if source.phrase:
            where += f' (at "{source.phrase}")'
        if doc.national:
            where = "national guidance beyond the five local documents: " + where
        return where

    def indicator_source(self, neglect_type: NeglectType, band: str) -> Source:
        """Where an age band's indicators come from: the band's own source, else the type's."""
        return neglect_type.indicator_sources.get(band) or neglect_type.source

    def cite_item(self, item: Item) -> str:
        return "; ".join(self.cite(s) for s in (item.source, *item.also))

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for i in self.items.values():
            out[i.kind] = out.get(i.kind, 0) + 1
        out["profile"] = len(self.profiles)
        return dict(sorted(out.items()))


class _Loader:
    def __init__(self, root: Path, seeds: Path | None):
        self.root = root
        self.seeds = seeds
        self.problems: list[str] = []
        self.documents: dict[str, Document] = {}
        self.items: dict[str, Item] = {}
        self.item_files: dict[str, str] = {}
        self.profiles: dict[str, Profile] = {}
        self.extra: dict[str, Any] = {}
        self.pending_refs: list[tuple[str, str, str, str, tuple[str, ...]]] = []
        self.seed_text: dict[str, str] = {}

    # -- helpers -------------------------------------------------------------------
    def problem(self, where: str, msg: str) -> None:
        self.problems.append(f"{where}: {msg}")

    def read_yaml(self, path: Path) -> Any:
        rel = str(path.relative_to(self.root))
        try:
            return yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = f" line {mark.line + 1}" if mark else ""
            self.problem(rel, f"not valid YAML{line}: {getattr(exc, 'problem', exc)}")
        except UnicodeDecodeError:
            self.problem(rel, "not UTF-8 text")
        return None

    def source(self, raw: Any, where: str, fieldname: str = "source") -> Source | None:
        if not isinstance(raw, dict) or not raw.get("doc") or not raw.get("section"):
            self.problem(where, f"field '{fieldname}' must be {{doc: <document id>, section: <heading>}}")
            return None
        doc, section = str(raw["doc"]), str(raw["section"])
        phrase = str(raw.get("phrase") or "")
        if doc not in self.documents:
            self.problem(where, f"field '{fieldname}': unknown document '{doc}' (known: {', '.join(self.documents)})")
            return None
        text = self.seed_text.get(doc)
        if text is not None and _norm(section) not in text:
            self.problem(
                where, f"field '{fieldname}': section '{section}' does not occur in {self.documents[doc].file}"
            )
        if text is not None and phrase and _norm(phrase) not in text:
            self.problem(where, f"field '{fieldname}': phrase '{phrase}' does not occur in {self.documents[doc].file}")
        return Source(doc, section, phrase)

    def sources(self, raw: dict, where: str) -> tuple[Source | None, tuple[Source, ...]]:
        main = self.source(raw.get("source"), where)
        also_raw = raw.get("also") or []
        if not isinstance(also_raw, list):
            self.problem(where, "field 'also' must be a list of sources")
            also_raw = []
        also = tuple(s for s in (self.source(a, where, "also") for a in also_raw) if s)
        return main, also

    def str_list(self, raw: Any, where: str, fieldname: str) -> tuple[str, ...]:
        if raw is None:
            return ()
        if not isinstance(raw, list) or not all(isinstance(x, str) and x.strip() for x in raw):
            self.problem(where, f"field '{fieldname}' must be a list of non-empty texts")
            return ()
        return tuple(x.strip() for x in raw)

    def register(self, item_id: Any, rel: str, where: str) -> bool:
        if not isinstance(item_id, str) or not ID_RE.match(item_id):
            self.problem(where, f"field 'id' must be lower_snake_case text, got {item_id!r}")
            return False
        if item_id in self.item_files:
            self.problem(where, f"duplicate id '{item_id}' (also in {self.item_files[item_id]})")
            return False
        self.item_files[item_id] = rel
        return True

    # -- documents -----------------------------------------------------------------
    def load_documents(self) -> None:
        path = self.root / "sources.yml"
        if not path.exists():
            self.problem("sources.yml", "missing: it lists the documents every source points to")
            return
        data = self.read_yaml(path) or {}
        for n, raw in enumerate(data.get("documents") or []):
            where = f"sources.yml: documents[{n}]"
            if not isinstance(raw, dict) or not all(raw.get(k) for k in ("id", "file", "title")):
                self.problem(where, "needs id, file and title")
                continue
            doc = Document(
                str(raw["id"]), str(raw["file"]), str(raw["title"]), str(raw.get("publisher") or ""), raw.get("year")
            )
            self.documents[doc.id] = doc
            if self.seeds and (self.seeds / doc.file).exists():
                self.seed_text[doc.id] = _norm((self.seeds / doc.file).read_text(encoding="utf-8", errors="replace"))
        for n, raw in enumerate(data.get("references") or []):
            where = f"sources.yml: references[{n}]"
            if not isinstance(raw, dict) or not all(raw.get(k) for k in ("id", "title", "short")):
                self.problem(where, "needs id, title and short (the name an item's text uses for it)")
                continue
            if raw["id"] in self.documents:
                self.problem(where, f"duplicate document id '{raw['id']}'")
                continue
            self.documents[str(raw["id"])] = Document(
                str(raw["id"]),
                "",
                str(raw["title"]),
                str(raw.get("publisher") or ""),
                raw.get("year"),
                True,
                str(raw["short"]),
            )

    # -- sectioned item files ------------------------------------------------------
    def load_items_file(self, path: Path) -> None:
        rel = str(path.relative_to(self.root))
        data = self.read_yaml(path)
        if data is None:
            return
        if not isinstance(data, dict):
            self.problem(rel, "must be a mapping of sections to lists of items")
            return
        for section, raws in data.items():
            if section not in SECTIONS:
                self.problem(rel, f"unknown section '{section}' (known: {', '.join(SECTIONS)})")
                continue
            if not isinstance(raws, list):
                self.problem(f"{rel}: {section}", "must be a list of items")
                continue
            for n, raw in enumerate(raws):
                self.load_item(section, raw, rel, n)

    def load_item(self, section: str, raw: Any, rel: str, n: int) -> None:
        kind, cls, required, optional = SECTIONS[section]
        label = raw.get("id") if isinstance(raw, dict) else None
        where = f"{rel}: {section}[{n}]" + (f" '{label}'" if label else "")
        if not isinstance(raw, dict):
            self.problem(where, "must be a mapping with fields " + ", ".join(required))
            return
        missing = [f for f in required if raw.get(f) in (None, "", [])]
        for f in missing:
            self.problem(where, f"missing required field '{f}'")
        unknown = [f for f in raw if f not in required and f not in optional]
        for f in unknown:
            self.problem(where, f"unknown field '{f}'")
        if missing or not self.register(raw.get("id"), rel, where):
            return
        source, also = self.sources(raw, where)
        if source is None:
            return
        related = self.str_list(raw.get("related"), where, "related")
        if related:
            self.pending_refs.append((where, "related", raw["id"], "any", related))
        name = str(raw.get("name") or raw.get("term") or raw["id"].replace("_", " "))
        base = dict(
            id=raw["id"],
            kind=kind,
            name=name,
            text=str(raw["text"]).strip(),
            source=source,
            file=rel,
            also=also,
            related=related,
            aliases=self.str_list(raw.get("aliases"), where, "aliases"),
        )
        item = self.build(cls, section, raw, base, where)
        if item is not None:
            self.items[item.id] = item

    def build(self, cls: type, section: str, raw: dict, base: dict, where: str) -> Item | None:
        if cls is NeglectType:
            ind = raw["indicators"]
            if not isinstance(ind, dict):
                self.problem(where, "field 'indicators' must map age bands to lists")
                return None
            bands = {}
            for band in AGE_BANDS:
                if band not in ind:
                    self.problem(where, f"field 'indicators' has no '{band}' band")
                    continue
                bands[band] = self.str_list(ind[band], where, f"indicators.{band}")
                if not bands[band] and band != "unborn":
                    self.problem(where, f"field 'indicators.{band}' is empty")
            for band in ind:
                if band not in AGE_BANDS:
                    self.problem(where, f"field 'indicators' has unknown band '{band}' (known: {', '.join(AGE_BANDS)})")
            isources = {}
            for band, sraw in (raw.get("indicator_sources") or {}).items():
                if band not in AGE_BANDS:
                    self.problem(where, f"field 'indicator_sources' has unknown band '{band}'")
                    continue
                src = self.source(sraw, where, f"indicator_sources.{band}")
                if src is not None:
                    isources[band] = src
            return NeglectType(**base, indicators=bands, indicator_sources=isources)
        if cls is RiskFactor:
            if raw["category"] not in ("parental", "child", "environmental"):
                self.problem(where, "field 'category' must be parental, child or environmental")
            return RiskFactor(**base, category=str(raw["category"]))
        if cls is Pitfall:
            questions = self.str_list(raw["reflective_questions"], where, "reflective_questions")
            if len(questions) < 2:
                self.problem(where, "field 'reflective_questions' needs at least 2 questions")
            return Pitfall(
                **base,
                mitigation=str(raw["mitigation"]).strip(),
                reflective_questions=questions,
                signs=self.str_list(raw.get("signs"), where, "signs"),
            )
        if cls is Framework:
            return Framework(**base, how_to_use=str(raw["how_to_use"]).strip())
        if cls is Level:
            return self.build_level(raw, base, where)
        if cls is NextStep:
            levels = self.str_list(raw["levels"], where, "levels")
            for lv in levels:
                if lv not in LEVEL_IDS:
                    self.problem(where, f"field 'levels': unknown level '{lv}' (known: {', '.join(LEVEL_IDS)})")
            contact = raw.get("contact")
            if contact is not None and contact not in CONTACT_KEYS:
                self.problem(where, f"field 'contact': unknown contact '{contact}' (known: {', '.join(CONTACT_KEYS)})")
            return NextStep(
                **base,
                when=str(raw["when"]).strip(),
                levels=levels,
                contact=contact,
                licensed=bool(raw.get("licensed", False)),
            )
        if cls is Term:
            return Term(**base)
        return Item(**base)

    def build_level(self, raw: dict, base: dict, where: str) -> Level | None:
        if raw["id"] not in LEVEL_IDS:
            self.problem(where, f"level id must be one of {', '.join(LEVEL_IDS)}")
        if not isinstance(raw["rank"], int) or not 0 <= raw["rank"] <= 4:
            self.problem(where, "field 'rank' must be a whole number from 0 to 4")
            return None
        criteria = []
        if not isinstance(raw["criteria"], list):
            self.problem(where, "field 'criteria' must be a list of {id, text, source}")
            return None
        for n, c in enumerate(raw["criteria"]):
            cwhere = f"{where}: criteria[{n}]"
            if not isinstance(c, dict) or not c.get("id") or not c.get("text"):
                self.problem(cwhere, "needs id, text and source")
                continue
            if not self.register(c["id"], base["file"], cwhere):
                continue
            src, also = self.sources(c, cwhere)
            if src is None:
                continue
            crit = Criterion(
                id=c["id"],
                kind="criterion",
                name=c["id"].replace("_", " "),
                text=str(c["text"]).strip(),
                source=src,
                file=base["file"],
                also=also,
                level=raw["id"],
            )
            criteria.append(crit)
            self.items[crit.id] = crit
        return Level(**base, rank=raw["rank"], consent=str(raw.get("consent") or "").strip(), criteria=tuple(criteria))

    # -- profiles ------------------------------------------------------------------
    def load_profile(self, path: Path) -> None:
        rel = str(path.relative_to(self.root))
        raw = self.read_yaml(path)
        if raw is None:
            return
        if not isinstance(raw, dict):
            self.problem(rel, "a profile must be a mapping")
            return
        for f in ("id", "name", "terms", "level_labels", "contacts"):
            if not raw.get(f):
                self.problem(rel, f"missing required field '{f}'")
        if any(not raw.get(f) for f in ("id", "name", "terms", "level_labels", "contacts")):
            return
        if raw["id"] != path.stem:
            self.problem(rel, f"field 'id' is '{raw['id']}' but the file is named {path.name}")
        based_on = self.source(raw["based_on"], rel, "based_on") if raw.get("based_on") else None
        labels = raw["level_labels"]
        for lv in LEVEL_IDS:
            if not isinstance(labels, dict) or not labels.get(lv):
                self.problem(rel, f"field 'level_labels' has no label for '{lv}'")
        contacts = {}
        craw = raw["contacts"] if isinstance(raw["contacts"], dict) else {}
        for key in CONTACT_KEYS:
            c = craw.get(key)
            if not isinstance(c, dict) or not c.get("name"):
                self.problem(rel, f"field 'contacts.{key}' needs at least a name")
                continue
            contacts[key] = Contact(key, str(c["name"]), _opt(c.get("phone")), _opt(c.get("url")), _opt(c.get("hours")))
        terms = {str(k): str(v) for k, v in (raw["terms"] or {}).items()} if isinstance(raw["terms"], dict) else {}
        self.profiles[str(raw["id"])] = Profile(
            str(raw["id"]),
            str(raw["name"]),
            rel,
            based_on,
            terms,
            {str(k): str(v) for k, v in dict(labels).items()},
            contacts,
        )

    # -- own-shape files: ids and sources only ---------------------------------------
    def load_own_shape(self, path: Path) -> None:
        rel = str(path.relative_to(self.root))
        data = self.read_yaml(path)
        if data is None:
            return
        self.extra[rel] = data
        for where, node in _walk_dicts(data, rel):
            if "id" in node:
                self.register(node["id"], rel, where)
            if "source" in node:
                self.sources(node, where)
            if node.get("related"):
                self.pending_refs.append(
                    (where, "related", str(node.get("id")), "any", self.str_list(node["related"], where, "related"))
                )

    def resolve_refs(self) -> None:
        for where, fieldname, _id, _kind, refs in self.pending_refs:
            for ref in refs:
                if ref not in self.item_files:
                    self.problem(where, f"field '{fieldname}': no item has id '{ref}'")

    def run(self, profile: str) -> KnowledgeBase:
        if not self.root.is_dir():
            raise KnowledgeError([f"{self.root}: the knowledge folder does not exist"])
        self.load_documents()
        for path in sorted(self.root.rglob("*.yml")):
            rel = path.relative_to(self.root)
            if rel.name == "sources.yml" and len(rel.parts) == 1:
                continue
            if rel.parts[0] == "profiles":
                self.load_profile(path)
            elif rel.name in OWN_SHAPE_FILES or rel.parts[0] in OWN_SHAPE_DIRS:
                self.load_own_shape(path)
            else:
                self.load_items_file(path)
        self.resolve_refs()
        for lv in LEVEL_IDS:
            if lv not in self.items:
                self.problem("thresholds", f"level '{lv}' is not defined")
        if profile not in self.profiles:
            self.problem("profiles", f"the active profile '{profile}' (LA_PROFILE) has no file profiles/{profile}.yml")
        if self.problems:
            raise KnowledgeError(self.problems)
        return KnowledgeBase(self.documents, self.items, self.profiles, self.extra, profile)


def _opt(value: Any) -> str | None:
    return None if value in (None, "") else str(value)


def _walk_dicts(node: Any, where: str) -> Iterable[tuple[str, dict]]:
    if isinstance(node, dict):
        label = f"{where} '{node['id']}'" if "id" in node else where
        yield label, node
        for k, v in node.items():
            yield from _walk_dicts(v, f"{label}.{k}")
    elif isinstance(node, list):
        for n, v in enumerate(node):
            yield from _walk_dicts(v, f"{where}[{n}]")


def load(root: Path | None = None, seeds: Path | None = None, profile: str | None = None) -> KnowledgeBase:
    """Load and validate; raises KnowledgeError naming every problem."""
    s = get_settings()
    seeds_dir = seeds if seeds is not None else s.seeds_dir
    return _Loader(root or s.knowledge_dir, seeds_dir if seeds_dir.is_dir() else None).run(profile or s.profile)


@lru_cache(maxsize=1)
def get_kb() -> KnowledgeBase:
    """The knowledge base of this process, loaded once on first use."""
    return load()
