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

from bot.knowledge import files, schema, schema_walks
from bot.knowledge.copies import CITATION_KEYS, copied_runs, copied_text_runs  # noqa: F401
from bot.knowledge.copies import norm_text as _norm
from bot.knowledge.models import (  # noqa: F401  (the types are imported from here across the project)
    AGE_BANDS,
    CONTACT_KEYS,
    ID_RE,
    LEVEL_IDS,
    OWN_SHAPE_DIRS,
    OWN_SHAPE_FILES,
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
            from bot.knowledge.texts import say  # the reply catalogue, read on first use

            where = say("citing.national", where=where)
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
        self.pending_refs: list[tuple[str, tuple[str, ...]]] = []
        self.seed_text: dict[str, str] = {}

    # -- helpers -------------------------------------------------------------------
    def problem(self, where: str, msg: str) -> None:
        self.problems.append(f"{where}: {msg}")

    def read_yaml(self, path: Path) -> Any:
        data, problems = files.read(path, str(path.relative_to(self.root)))
        self.problems.extend(problems)
        return data

    def source(self, spec: schema.SourceSpec, where: str, fieldname: str = "source") -> Source | None:
        """A checked citation: its document exists and its section and phrase occur in it."""
        if spec.doc not in self.documents:
            known = ", ".join(self.documents)
            self.problem(where, f"field '{fieldname}': unknown document '{spec.doc}' (known: {known})")
            return None
        text = self.seed_text.get(spec.doc)
        file = self.documents[spec.doc].file
        if text is not None and _norm(spec.section) not in text:
            self.problem(where, f"field '{fieldname}': section '{spec.section}' does not occur in {file}")
        if text is not None and spec.phrase and _norm(spec.phrase) not in text:
            self.problem(where, f"field '{fieldname}': phrase '{spec.phrase}' does not occur in {file}")
        return Source(spec.doc, spec.section, spec.phrase)

    def sources(self, spec: Any, where: str) -> tuple[Source | None, tuple[Source, ...]]:
        main = self.source(spec.source, where)
        also = tuple(s for s in (self.source(a, where, "also") for a in spec.also) if s)
        return main, also

    def cited_anyway(self, raw: Any, where: str) -> None:
        """The citations of an item whose shape is wrong are still checked, so that every
        problem is found in one run."""
        for key in ("source", "also"):
            for node in raw.get(key) if isinstance(raw.get(key), list) else [raw.get(key)]:
                spec = files.check(schema.SourceSpec, node, where, []) if isinstance(node, dict) else None
                if spec is not None:
                    self.source(spec, where, key)

    def register(self, item_id: str, rel: str, where: str) -> bool:
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
        data = self.read_yaml(path)
        spec = None if data is None else files.check(schema.SourcesFile, data, "sources.yml", self.problems)
        if spec is None:
            return
        for d in spec.documents:
            self.documents[d.id] = Document(d.id, d.file, d.title, d.publisher, d.year)
            if self.seeds and (self.seeds / d.file).exists():
                self.seed_text[d.id] = _norm((self.seeds / d.file).read_text(encoding="utf-8", errors="replace"))
        for n, r in enumerate(spec.references):
            if r.id in self.documents:
                self.problem(f"sources.yml: references[{n}] '{r.id}'", f"duplicate document id '{r.id}'")
                continue
            self.documents[r.id] = Document(r.id, "", r.title, r.publisher, r.year, True, r.short)

    # -- sectioned item files ------------------------------------------------------
    def load_items_file(self, path: Path) -> None:
        rel = str(path.relative_to(self.root))
        data = self.read_yaml(path)
        if data is None or files.check(schema.ItemsFile, data, rel, self.problems) is None:
            return
        for section, raws in data.items():
            for n, raw in enumerate(raws or []):
                self.load_item(section, raw, rel, n)

    def load_item(self, section: str, raw: dict, rel: str, n: int) -> None:
        kind, model = schema.SECTIONS[section]
        where = f"{rel}: {section}[{n}]" + files.label(raw)
        spec = files.check(model, raw, where, self.problems)
        if spec is None:  # the item exists, its shape is wrong: its id still answers references
            if isinstance(raw, dict) and isinstance(raw.get("id"), str) and ID_RE.match(raw["id"]):
                self.register(raw["id"], rel, where)
            self.cited_anyway(raw, where)
            return
        if not self.register(spec.id, rel, where):
            return
        source, also = self.sources(spec, where)
        if source is None:
            return
        if spec.related:
            self.pending_refs.append((where, tuple(spec.related)))
        base = dict(
            id=spec.id,
            kind=kind,
            name=spec.display_name(),
            text=spec.text,
            source=source,
            file=rel,
            also=also,
            related=tuple(spec.related),
            aliases=tuple(spec.aliases),
            typed_as=tuple(spec.typed_as),
        )
        self.items[spec.id] = self.build(spec, base, where)

    def build(self, spec: Any, base: dict, where: str) -> Item:
        if isinstance(spec, schema.NeglectTypeSpec):
            isources = {}
            for band, src in spec.indicator_sources.items():
                checked = self.source(src, where, f"indicator_sources.{band}")
                if checked is not None:
                    isources[band] = checked
            bands = {band: tuple(getattr(spec.indicators, band)) for band in AGE_BANDS}
            return NeglectType(**base, indicators=bands, indicator_sources=isources)
        if isinstance(spec, schema.RiskFactorSpec):
            return RiskFactor(**base, category=spec.category)
        if isinstance(spec, schema.PitfallSpec):
            questions, signs = tuple(spec.reflective_questions), tuple(spec.signs)
            return Pitfall(**base, mitigation=spec.mitigation, reflective_questions=questions, signs=signs)
        if isinstance(spec, schema.FrameworkSpec):
            return Framework(**base, how_to_use=spec.how_to_use)
        if isinstance(spec, schema.LevelSpec):
            return self.build_level(spec, base, where)
        if isinstance(spec, schema.NextStepSpec):
            levels = tuple(spec.levels)
            return NextStep(**base, when=spec.when, levels=levels, contact=spec.contact, licensed=spec.licensed)
        if isinstance(spec, schema.TermSpec):
            return Term(**base)
        return Item(**base)

    def build_level(self, spec: schema.LevelSpec, base: dict, where: str) -> Level:
        criteria = []
        for n, c in enumerate(spec.criteria):
            cwhere = f"{where}: criteria[{n}] '{c.id}'"
            if not self.register(c.id, base["file"], cwhere):
                continue
            src, also = self.sources(c, cwhere)
            if src is None:
                continue
            crit = Criterion(
                id=c.id,
                kind="criterion",
                name=c.id.replace("_", " "),
                text=c.text,
                source=src,
                file=base["file"],
                also=also,
                level=spec.id,
            )
            criteria.append(crit)
            self.items[crit.id] = crit
        return Level(**base, rank=spec.rank, consent=spec.consent, criteria=tuple(criteria))

    # -- profiles ------------------------------------------------------------------
    def load_profile(self, path: Path) -> None:
        rel = str(path.relative_to(self.root))
        raw = self.read_yaml(path)
        spec = None if raw is None else files.check(schema.ProfileSpec, raw, rel, self.problems)
        if spec is None:
            return
        if spec.id != path.stem:
            self.problem(rel, f"field 'id' is '{spec.id}' but the file is named {path.name}")
        based_on = self.source(spec.based_on, rel, "based_on") if spec.based_on else None
        contacts = {}
        for key in CONTACT_KEYS:
            c = getattr(spec.contacts, key)
            contacts[key] = Contact(key, c.name, c.phone, c.url, c.hours)
        labels = {lv: getattr(spec.level_labels, lv) for lv in LEVEL_IDS}
        self.profiles[spec.id] = Profile(spec.id, spec.name, rel, based_on, dict(spec.terms), labels, contacts)

    # -- own-shape files: their model, then ids and sources ---------------------------
    def load_own_shape(self, path: Path) -> None:
        rel = str(path.relative_to(self.root))
        data = self.read_yaml(path)
        if data is None:
            return
        self.extra[rel] = data
        shape = schema_walks.OWN_SHAPE_MODELS.get(rel)
        if shape is not None and files.check_file(*shape, data, rel, self.problems)[0] is None:
            return
        # a file with a model has had its sources' shape checked: only their documents here
        shape_problems = self.problems if shape is None else []
        for where, node in _walk_dicts(data, rel):
            if isinstance(node.get("id"), str):
                self.register(node["id"], rel, where)
            for key, raw in (("source", node.get("source")), *(("also", a) for a in node.get("also") or ())):
                spec = None if raw is None else files.check(schema.SourceSpec, raw, f"{where}.{key}", shape_problems)
                if spec is not None:
                    self.source(spec, where, key)
            if isinstance(node.get("related"), list):
                self.pending_refs.append((where, tuple(str(r) for r in node["related"])))

    def resolve_refs(self) -> None:
        for where, refs in self.pending_refs:
            for ref in refs:
                if ref not in self.item_files:
                    self.problem(where, f"field 'related': no item has id '{ref}'")

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
            raise KnowledgeError(list(dict.fromkeys(self.problems)))
        return KnowledgeBase(self.documents, self.items, self.profiles, self.extra, profile)


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
