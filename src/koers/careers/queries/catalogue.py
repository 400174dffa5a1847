"""Reading the catalogue: search and filter occupations and programmes, one occupation's page, the fit with a
student's own qualities and motives. Every page costs a fixed number of queries, however large the catalogue.

What a school sees is the shipped catalogue plus its own entries (the scoped manager), minus what it hid, with
its corrected names and descriptions (``CatalogueEdit``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, Func, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404

from koers.careers.models import (
    CatalogueEdit,
    Favourite,
    InterestField,
    InterestResult,
    Occupation,
    Offer,
    Programme,
    Prospect,
    Sector,
)
from koers.careers.rules import can_edit_catalogue, can_explore
from koers.careers.vocabulary import ProgrammeKind
from koers.common.lookups import one_or_404
from koers.dossier.models import StudentTrait
from koers.language.content import active_language
from koers.lob.vocabulary import TraitKind
from koers.schools.models import Role, Student

PAGE_SIZE = 40
LEVELS = ("1", "2", "3", "4", "hbo", "wo")


def _edits(kind: str) -> QuerySet[CatalogueEdit]:
    return CatalogueEdit.objects.filter(**{kind: OuterRef("pk")})


def visible_occupations() -> QuerySet[Occupation]:
    """Shipped and the school's own occupations, minus those the school hid, with its corrected texts."""
    return (
        Occupation.objects.exclude(Exists(_edits("occupation").filter(hidden=True)))
        .annotate(
            own_name=Subquery(_edits("occupation").values("name")[:1]),
            own_description=Subquery(_edits("occupation").values("description")[:1]),
        )
        .select_related("sector")
    )


def visible_programmes() -> QuerySet[Programme]:
    return (
        Programme.objects.exclude(Exists(_edits("programme").filter(hidden=True)))
        .annotate(
            own_name=Subquery(_edits("programme").values("name")[:1]),
            own_description=Subquery(_edits("programme").values("description")[:1]),
        )
        .select_related("mbo_domain")
    )


def display_name(entry: Any) -> str:
    """The school's corrected name (Dutch) where it gave one, else the catalogue's in the reader's tongue."""
    return getattr(entry, "own_name", None) or entry.name


def display_description(entry: Any) -> str:
    return getattr(entry, "own_description", None) or entry.description


def _text_search(query: str) -> Q:
    language = active_language()
    keys = {"nl", "nl_simple", "en", language, f"{language}_simple"}
    found = Q()
    for key in sorted(keys):
        found |= Q(**{f"texts__{key}__icontains": query})
    return found | Q(own_name__icontains=query)


def student_trait_ids(student: Student) -> set[int]:
    return set(
        StudentTrait.objects.filter(student=student, trait__isnull=False).values_list("trait_id", flat=True)
    )


def latest_result(student: Student) -> InterestResult | None:
    return InterestResult.objects.filter(student=student).order_by("-created_at", "-pk").first()


def sectors_of_fields(field_keys: list[str]) -> list[int]:
    if not field_keys:
        return []
    return list(
        InterestField.sectors.through.objects.filter(interestfield__key__in=field_keys).values_list(
            "sector_id", flat=True
        )
    )


def _fit_count(trait_ids: set[int]) -> Coalesce:
    """How many of these qualities and motives an occupation asks, as a subquery per row: an aggregate over
    the join would make the database group every column of the page (slow on SQLite with JSON texts)."""
    shared = (
        Occupation.traits.through.objects.filter(occupation_id=OuterRef("pk"), trait_id__in=trait_ids)
        .order_by()
        .values(n=Func("trait_id", function="COUNT"))
    )
    return Coalesce(Subquery(shared, output_field=IntegerField()), 0)


@dataclass
class Filters:
    query: str = ""
    sector: str = ""
    level: str = ""
    fits: bool = False
    from_test: bool = False


@dataclass
class OccupationRow:
    occupation: Occupation
    name: str
    fit: int
    favourite: bool


@dataclass
class Search:
    filters: Filters
    sectors: list[Sector]
    rows: list[OccupationRow]
    total: int
    has_traits: bool
    has_test: bool
    test_sectors: list[int] = field(default_factory=list)


def search_occupations(role: Role, student: Student | None, filters: Filters) -> Search:
    """Occupations matching the filters, the best fit with the student's qualities and motives first when
    asked. Queries: sectors, the page, its count, and for a student their traits, favourites and test."""
    if not can_explore(role):
        raise Http404
    sectors = list(Sector.objects.all())
    # A result row shows a name, a pictogram and the sector (the printed cards add the tasks): the longer
    # texts stay in the database.
    found = visible_occupations().defer("descriptions", "workplaces", "sector__descriptions")
    if filters.query:
        found = found.filter(_text_search(filters.query))
    if filters.sector:
        found = found.filter(sector__key=filters.sector)
    if filters.level in ("hbo", "wo"):
        found = found.filter(Exists(Programme.objects.filter(occupations=OuterRef("pk"), kind=filters.level)))
    elif filters.level:
        found = found.filter(
            Exists(
                Programme.objects.filter(
                    occupations=OuterRef("pk"), kind=ProgrammeKind.MBO, level=filters.level
                )
            )
        )
    trait_ids: set[int] = set()
    favourites: set[int] = set()
    test_sectors: list[int] = []
    has_test = False
    if student is not None:
        trait_ids = student_trait_ids(student)
        favourites = set(
            Favourite.objects.filter(student=student, occupation__isnull=False).values_list(
                "occupation_id", flat=True
            )
        )
        result = latest_result(student)
        has_test = result is not None
        if filters.from_test and result is not None:
            test_sectors = sectors_of_fields(result.top_fields())
            found = found.filter(sector_id__in=test_sectors)
    ordering = ["order", "pk"]
    if trait_ids:
        found = found.annotate(fit=_fit_count(trait_ids))
        if filters.fits:
            found = found.filter(fit__gt=0)
            ordering = ["-fit", *ordering]
    total = found.count()
    page = list(found.order_by(*ordering)[:PAGE_SIZE])
    rows = [OccupationRow(o, display_name(o), getattr(o, "fit", 0), o.pk in favourites) for o in page]
    return Search(filters, sectors, rows, total, bool(trait_ids), has_test, test_sectors)


def get_occupation_for(role: Role, pk: int, *, include_hidden: bool = False) -> Occupation:
    """An occupation this role may see (shipped, or its school's own; not hidden unless the counsellor asks
    to change it); otherwise 404."""
    if not can_explore(role):
        raise Http404
    found = Occupation.objects.select_related("sector") if include_hidden else visible_occupations()
    return one_or_404(found.select_related("mbo_domain"), pk=pk)


def get_programme_for(role: Role, pk: int, *, include_hidden: bool = False) -> Programme:
    if not can_explore(role):
        raise Http404
    found = Programme.objects.select_related("mbo_domain") if include_hidden else visible_programmes()
    return one_or_404(found, pk=pk)


@dataclass
class TraitFit:
    icon: str
    name: str
    mine: bool


@dataclass
class OccupationPage:
    occupation: Occupation
    name: str
    description: str
    qualities: list[TraitFit]
    motives: list[TraitFit]
    programmes: list[Programme]
    prospect: Prospect | None
    favourite: bool
    fit_count: int


def occupation_page(occupation: Occupation, student: Student | None) -> OccupationPage:
    """The occupation with its qualities and motives (marked where the student holds them), the programmes
    that lead to it with their regional offers, and the school's prospect. Fixed queries."""
    traits = list(occupation.traits.all())
    mine = student_trait_ids(student) if student is not None else set()
    programmes = list(
        visible_programmes()
        .filter(occupations=occupation)
        .prefetch_related("offers")
        .order_by("kind", "level")
    )
    prospect = Prospect.objects.filter(occupation=occupation).first()
    favourite = (
        student is not None and Favourite.objects.filter(student=student, occupation=occupation).exists()
    )

    def fits(kind: str) -> list[TraitFit]:
        found = [TraitFit(t.icon, t.name, t.pk in mine) for t in traits if t.kind == kind]
        return sorted(found, key=lambda f: not f.mine)

    qualities, motives = fits(TraitKind.QUALITY), fits(TraitKind.MOTIVE)
    return OccupationPage(
        occupation=occupation,
        name=display_name(occupation),
        description=display_description(occupation),
        qualities=qualities,
        motives=motives,
        programmes=programmes,
        prospect=prospect,
        favourite=favourite,
        fit_count=sum(f.mine for f in qualities + motives),
    )


@dataclass
class ProgrammeRow:
    programme: Programme
    name: str
    favourite: bool


def search_programmes(role: Role, student: Student | None, query: str, level: str) -> list[ProgrammeRow]:
    if not can_explore(role):
        raise Http404
    found = visible_programmes()
    if query:
        found = found.filter(_text_search(query))
    if level in ("hbo", "wo"):
        found = found.filter(kind=level)
    elif level:
        found = found.filter(kind=ProgrammeKind.MBO, level=level)
    favourites: set[int] = set()
    if student is not None:
        favourites = set(
            Favourite.objects.filter(student=student, programme__isnull=False).values_list(
                "programme_id", flat=True
            )
        )
    page = list(found.order_by("kind", "level", "order", "pk")[:PAGE_SIZE])
    return [ProgrammeRow(p, display_name(p), p.pk in favourites) for p in page]


def occupations_of_programme(programme: Programme) -> list[Occupation]:
    return list(visible_occupations().filter(programmes=programme).order_by("order", "pk")[:PAGE_SIZE])


def occupation_names(student: Student) -> list[str]:
    """Names for a datalist: the student's favourite occupations first, then the whole visible catalogue
    (two queries)."""
    favourite_ids = list(
        Favourite.objects.filter(student=student, occupation__isnull=False).values_list(
            "occupation_id", flat=True
        )
    )
    rows = list(visible_occupations().order_by("order", "pk"))
    first = [display_name(o) for o in rows if o.pk in favourite_ids]
    rest = sorted({display_name(o) for o in rows if o.pk not in favourite_ids} - set(first))
    return first + rest


def edit_of(entry: Occupation | Programme) -> CatalogueEdit | None:
    kind = "occupation" if isinstance(entry, Occupation) else "programme"
    return CatalogueEdit.objects.filter(**{kind: entry}).first()


def offers_of(programme: Programme) -> list[Offer]:
    """The regional schools the school named for this programme."""
    return list(Offer.objects.filter(programme=programme).order_by("institution", "place", "pk"))


def get_offer_for(role: Role, pk: int) -> Offer:
    """An offer the counsellor's school recorded; another school's is a 404."""
    if not can_edit_catalogue(role):
        raise Http404
    return one_or_404(Offer.objects.select_related("programme"), pk=pk)


def prospect_of(occupation: Occupation) -> Prospect | None:
    return Prospect.objects.filter(occupation=occupation).first()
