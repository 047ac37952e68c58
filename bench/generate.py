"""Generate a synthetic bundle shaped like the G4/G32 city network, for evaluations and benchmarks.

    python -m bench.generate OUT_DIR [--people N] [--seed S] [--teams N] [--organisations N]

Writes OUT_DIR/<section>.json (each {"<section>": [records]}) in the loader's format (README
"Data format"): the six themes with liaisons, the real G4 and G32 cities plus other
municipalities, organisations of every kind and sector, people, questions, teams and three events.

The network is built so that a partner matcher has something real to find, but not trivially:
- every organisation has a home theme and subject; its description and keywords come mostly from
  that vocabulary, partly from others (noise);
- people join organisations by preferential attachment, teams pick organisations by popularity
  (both heavy-tailed), by topic, and by earlier collaboration (so common neighbours carry signal),
  with a share of off-topic picks;
- a team's `wants` name organisations that were drawn like its members but held out (the hidden
  links), organisations and kinds that fill the team's sector gap, and some random ones.

Same seed, same arguments -> byte-identical files: all randomness comes from one random.Random(seed)
and nothing iterates over a set (string hashing differs between processes).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from random import Random

from bench import generate_words as w
from graph.bundle import name_key
from graph.vocabulary import JOIN_STATUSES, SECTORS

SOURCE = "synthetic (bench.generate)"
SECTOR_KIND = {
    "government": "kind:overheid",
    "business": "kind:ondernemingen",
    "civil_society": "kind:omgeving",
    "knowledge": "kind:onderwijs-onderzoek",
}
THEME_SLUGS = list(w.THEMES)
CONFERENCE = dt.date(2011, 6, 16)
WORK_MEETING = dt.date(2011, 9, 22)
PLAN_DEADLINE = dt.date(2011, 11, 30)
LAST_START = dt.date(2015, 12, 31)

# How a team picks its next organisation: through an earlier collaborator of one already chosen,
# on the team's topic (by popularity), to fill a missing sector, or anywhere (off-topic noise).
P_NETWORK, P_TOPIC, P_SECTOR = 0.30, 0.40, 0.10
JOIN_WEIGHTS = [30, 20, 20, 20, 10]


def slug(text: str) -> str:
    return name_key(text).replace(" ", "-")


class NameBook:
    """Names already taken per label, compared as the loader does (graph.bundle.name_key)."""

    def __init__(self):
        self.taken: set[str] = set()

    def free(self, name: str) -> bool:
        return name_key(name) not in self.taken

    def claim(self, name: str) -> None:
        self.taken.add(name_key(name))

    def unique(self, name: str, *variants: str) -> str:
        """`name` if free, else the first free variant, else the name with a number."""
        for candidate in (name, *variants):
            if self.free(candidate):
                self.claim(candidate)
                return candidate
        number = 2
        while not self.free(f"{name} {number}"):
            number += 1
        self.claim(f"{name} {number}")
        return f"{name} {number}"


@dataclass
class City:
    id: str
    name: str
    province: str
    population: int
    member: bool  # of the G4 or G32 on the day of the conference
    record: dict


@dataclass
class Org:
    index: int
    id: str
    name: str
    kind: str
    sector: str
    theme: str
    subject: int
    city: City
    record: dict
    people: list[int] = field(default_factory=list)  # indexes into the people list


@dataclass
class Question:
    id: str
    theme: str
    subject: int
    record: dict


@dataclass
class Network:
    cities: list[City] = field(default_factory=list)
    orgs: list[Org] = field(default_factory=list)
    kinds: list[dict] = field(default_factory=list)
    people: list[dict] = field(default_factory=list)
    themes: list[dict] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    teams: list[dict] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)


def progress(message: str, quiet: bool) -> None:
    if not quiet:
        print(message, file=sys.stderr, flush=True)


def pick_keywords(rng: Random, theme: str, subject: int, n: int) -> list[str]:
    """Keywords mostly from the home theme and subject, one in two times one from elsewhere."""
    vocab = w.THEMES[theme]
    words = rng.sample(vocab["subjects"][subject][1], 2) + rng.sample(vocab["keywords"], n - 2)
    if rng.random() < 0.5:
        other = w.THEMES[rng.choice(THEME_SLUGS)]
        words[-1] = rng.choice(other["keywords"])
    return list(dict.fromkeys(words))


# --- Cities -------------------------------------------------------------------------------------


def make_cities(rng: Random) -> list[City]:
    cities = []

    def add(name, province, population, networks, member):
        record = {"id": f"city:{slug(name)}", "name": name}
        if name in w.CITY_ALIASES:
            record["aliases"] = w.CITY_ALIASES[name]
        record.update(province=province, population=population, population_year=2011)
        if networks:
            record["networks"] = networks
        record["source"] = SOURCE
        cities.append(City(record["id"], name, province, population, member, record))

    for name, province, population in w.G4:
        add(name, province, population, [{"network": "org:g4", "since": None}], True)
    for name, province, population, since in w.G32:
        add(
            name,
            province,
            population,
            [{"network": "org:g32", "since": since}],
            since is None or since <= CONFERENCE.isoformat(),
        )
    for name, province, population in w.OTHER_CITIES:
        add(name, province, population, [], False)
    choose_champions(rng, cities)
    return cities


def choose_champions(rng: Random, cities: list[City]) -> None:
    """About a third of the member cities champions a theme; every theme has at least one."""
    members = [c for c in cities if c.member]
    rng.shuffle(members)
    for i, city in enumerate(members[: len(members) // 3 + 1]):
        theme = THEME_SLUGS[i] if i < len(THEME_SLUGS) else rng.choice(THEME_SLUGS)
        city.record["champions"] = [f"theme:{theme}"]
        city.record["description"] = f"Stedenlink-stad die het thema {w.THEMES[theme]['name']} trekt."


def city_weights(cities: list[City]) -> list[float]:
    """Big cities and network members host more organisations and join more teams."""
    return [c.population / 100000 * (3 if c.member else 1) for c in cities]


# --- Partner kinds ------------------------------------------------------------------------------


def make_partner_kinds() -> list[dict]:
    kinds = []
    for slug_, name, aliases, sector, org_kind, fits, themes, keywords in w.PARTNER_KINDS:
        record = {"id": f"kind:{slug_}", "name": name}
        if aliases:
            record["aliases"] = aliases
        record["description"] = f"Soort partner: {name.lower()}."
        if sector:
            record["sector"] = sector
        if org_kind:
            record["organisation_kind"] = org_kind
        record.update(keywords=keywords, source=SOURCE)
        kinds.append({"record": record, "fits": fits, "themes": themes or THEME_SLUGS, "sector": sector})
    return kinds


# --- Organisations ------------------------------------------------------------------------------


def made_up_word(rng: Random, theme: str) -> str:
    return rng.choice(w.NAME_STEMS[theme]) + rng.choice(w.NAME_TAILS)


def subject_word(theme: str, subject: int) -> str:
    return w.THEMES[theme]["subjects"][subject][0]


def org_name(rng: Random, kind: str, theme: str, subject: int, city: City) -> str:
    """A Dutch-looking name for a generated organisation of `kind`."""
    word = made_up_word(rng, theme)
    place = rng.choice(w.PLACE_NAMES)
    region = rng.choice(w.REGIONS)
    topic = subject_word(theme, subject)
    patterns = {
        "company": [word + rng.choice(w.COMPANY_SUFFIXES)],
        "knowledge_institute": [
            f"Kenniscentrum {topic}",
            f"Lectoraat {topic}",
            f"Hogeschool {region}",
            f"Instituut {word}",
            f"{word} Research",
            f"Universiteit {city.name}",
        ],
        "school": [
            f"OBS {place}",
            f"CBS {place}",
            f"Basisschool {place}",
            f"{place.split()[-1]} College",
            f"Montessorischool {city.name}",
            f"ROC {region}",
            f"Lyceum {place.split()[-1]}",
        ],
        "school_board": [
            f"Stichting {place} Onderwijs",
            f"Scholengroep {region}",
            f"Stichting Openbaar Onderwijs {city.name}",
            f"Onderwijsgroep {word}",
        ],
        "care_provider": [
            f"Zorggroep {region}",
            f"Thuiszorg {city.name}",
            f"{word} Zorg",
            f"Zorgcentrum {place}",
            f"Stichting {word}",
        ],
        "housing_corporation": [
            f"Woonstichting {place}",
            f"{word} Wonen",
            f"Woningstichting {city.name}",
            f"Wooncorporatie {region}",
        ],
        "foundation": [f"Stichting {word}", f"{word}fonds", f"Fonds {topic}", f"Stichting {topic} {city.name}"],
        "community": [
            f"Bewonersvereniging {rng.choice(w.NEIGHBOURHOODS)} {city.name}",
            f"Wijkplatform {rng.choice(w.NEIGHBOURHOODS)} {city.name}",
            f"{topic} community {city.name}",
            f"Vereniging {word}",
        ],
        "umbrella": [f"Platform {topic}", f"{word} Nederland", f"Brancheorganisatie {topic}", f"Koepel {word}"],
        "media": [rng.choice(w.MEDIA_NAMES).format(city=city.name, region=region)],
        "government_agency": {
            "veilige-stad": [f"Veiligheidsregio {region}", f"Politie {region}"],
            "zorgende-stad": [f"GGD {region}", f"Zorgkantoor {region}"],
            "groene-stad": [f"Waterschap {region}", f"Omgevingsdienst {region}"],
        }.get(theme, [f"Agentschap {topic}", f"Dienst {word}"]),
        "political_party": [f"{rng.choice(w.PARTY_NAMES)} {city.name}"],
        "other": [word, f"Theater {place}", f"Bibliotheek {city.name}", f"Coöperatie {word}", f"Broedplaats {place}"],
    }
    return rng.choice(patterns[kind])


def acronym(name: str) -> str:
    return "".join(part[0] for part in name.split() if part[0].isupper())


def org_description(rng: Random, kind: str, theme: str, city: City) -> str:
    """One Dutch sentence; one in five talks about another theme than the home theme (noise)."""
    talk_theme = theme if rng.random() < 0.8 else rng.choice(THEME_SLUGS)
    activity = rng.choice(w.THEMES[talk_theme]["activities"])
    return f"{w.KIND_PHRASE[kind]} in {city.name} die {activity}."


def org_record(
    rng: Random,
    org_id: str,
    name: str,
    kind: str,
    sector: str,
    theme: str,
    subject: int,
    city: City | None,
    description: str,
    aliases: list[str] = (),
) -> dict:
    record = {"id": org_id, "name": name}
    if aliases:
        record["aliases"] = list(aliases)
    record.update(
        kind=kind,
        sector=sector,
        description=description,
        keywords=pick_keywords(rng, theme, subject, rng.randint(4, 7)),
    )
    if city is not None:
        record["city"] = city.id
    if rng.random() < 0.4:
        record["website"] = f"https://www.{slug(name)}.example"
    record.update(country="NL", is_a=[], source=SOURCE)
    return record


class OrgFactory:
    def __init__(self, rng: Random, cities: list[City]):
        self.rng = rng
        self.cities = cities
        self.city_weights = city_weights(cities)
        self.names = NameBook()
        self.orgs: list[Org] = []

    def add(
        self,
        name: str,
        kind: str,
        sector: str,
        theme: str,
        subject: int,
        city: City | None,
        description: str,
        aliases: list[str] = (),
    ) -> Org:
        self.names.claim(name)
        for alias in aliases:
            self.names.claim(alias)
        org_id = f"org:{slug(name)}"
        record = org_record(self.rng, org_id, name, kind, sector, theme, subject, city, description, aliases)
        org = Org(len(self.orgs), org_id, name, kind, sector, theme, subject, city or self.cities[0], record)
        self.orgs.append(org)
        return org

    def random_city(self) -> City:
        return self.rng.choices(self.cities, self.city_weights)[0]

    def institutions(self, n_orgs: int) -> None:
        """City networks, a venue, and as many municipalities, provinces and ministries as fit."""
        rng = self.rng
        by_name = {c.name: c for c in self.cities}
        self.add(
            "Stedenlink",
            "city_network",
            "government",
            "onze-stad",
            0,
            None,
            "Samenwerkingsverband van steden dat namens de G4 en de G32 de Digitale Steden Agenda faciliteert.",
        )
        self.add(
            "G4",
            "city_network",
            "government",
            rng.choice(THEME_SLUGS),
            0,
            None,
            "Samenwerking van de vier grootste Nederlandse gemeenten.",
        )
        self.add(
            "G32",
            "city_network",
            "government",
            rng.choice(THEME_SLUGS),
            0,
            None,
            "Netwerk van middelgrote Nederlandse steden.",
            aliases=["G32-stedennetwerk"],
        )
        self.add(
            "Theater De Regentes",
            "other",
            "civil_society",
            "bedrijvige-stad",
            0,
            by_name["Den Haag"],
            "Theater in Den Haag met flexwerkplekken, waar werkbijeenkomsten plaatsvinden.",
        )
        # Biggest cities first, so that small bundles still have the G4's municipalities.
        for city in sorted(self.cities, key=lambda c: -c.population)[: max(4, n_orgs // 8)]:
            theme = rng.choice(THEME_SLUGS)
            self.add(
                f"Gemeente {city.name}",
                "municipality",
                "government",
                theme,
                rng.randrange(6),
                city,
                f"Gemeente {city.name} in de provincie {city.province}.",
            )
        for province in rng.sample(w.PROVINCES, min(12, max(2, n_orgs // 40))):
            capital = max((c for c in self.cities if c.province == province), key=lambda c: c.population)
            self.add(
                f"Provincie {province}",
                "province",
                "government",
                rng.choice(THEME_SLUGS),
                rng.randrange(6),
                capital,
                f"Provinciebestuur van {province}.",
            )
        for name, aliases, theme in w.MINISTRIES[: min(11, max(2, n_orgs // 40))]:
            self.add(
                name,
                "ministry",
                "government",
                theme,
                rng.randrange(6),
                by_name["Den Haag"],
                f"{name}, onderdeel van de rijksoverheid.",
                aliases=aliases,
            )

    def generated(self, kind: str) -> Org:
        rng = self.rng
        profile = w.KIND_PROFILE[kind]
        theme = rng.choices(THEME_SLUGS, [profile["themes"].get(t, 1) for t in THEME_SLUGS])[0]
        subject = rng.randrange(len(w.THEMES[theme]["subjects"]))
        city = self.random_city()
        name = self.names.unique(
            org_name(rng, kind, theme, subject, city),
            f"{org_name(rng, kind, theme, subject, city)}",
            f"{org_name(rng, kind, theme, subject, city)} {city.name}",
        )
        aliases = []
        short = acronym(name)
        if len(short) >= 3 and rng.random() < 0.3 and self.names.free(short):
            aliases.append(short)
        return self.add_named(name, kind, rng.choice(profile["sectors"]), theme, subject, city, aliases)

    def add_named(self, name, kind, sector, theme, subject, city, aliases) -> Org:
        # `name` is already claimed by unique(); add() claims it again, which is harmless.
        return self.add(name, kind, sector, theme, subject, city, org_description(self.rng, kind, theme, city), aliases)


def make_organisations(rng: Random, n_orgs: int, cities: list[City], kinds: list[dict]) -> list[Org]:
    factory = OrgFactory(rng, cities)
    factory.institutions(n_orgs)
    generated_kinds = list(w.KIND_PROFILE)
    for kind in generated_kinds:  # every kind at least once
        factory.generated(kind)
    weights = [w.KIND_PROFILE[k]["weight"] for k in generated_kinds]
    while len(factory.orgs) < n_orgs:
        factory.generated(rng.choices(generated_kinds, weights)[0])
    assign_partner_kinds(rng, factory.orgs, kinds)
    return factory.orgs


def assign_partner_kinds(rng: Random, orgs: list[Org], kinds: list[dict]) -> None:
    """Each organisation is_a its sector's kind and, mostly, one or two kinds that fit it."""
    for org in orgs:
        fitting = [
            k
            for k in kinds
            if org.kind in k["fits"]
            and k["sector"] in (None, org.sector)
            and k["record"]["id"] not in SECTOR_KIND.values()
        ]
        on_topic = [k for k in fitting if org.theme in k["themes"]] or fitting
        chosen = [SECTOR_KIND[org.sector]]
        if on_topic and rng.random() < 0.75:
            chosen += [k["record"]["id"] for k in rng.sample(on_topic, min(len(on_topic), rng.randint(1, 2)))]
        org.record["is_a"] = list(dict.fromkeys(chosen))
    # A kind nobody is would be a want that nobody can fill; give it a fitting organisation.
    used = Counter(kind for org in orgs for kind in org.record["is_a"])
    for kind in kinds:
        if used[kind["record"]["id"]] == 0:
            fitting = [o for o in orgs if o.kind in kind["fits"] and kind["sector"] in (None, o.sector)]
            if fitting:
                rng.choice(fitting).record["is_a"].append(kind["record"]["id"])


# --- People -------------------------------------------------------------------------------------


def person_name(rng: Random, names: NameBook) -> str:
    first, infix, last = rng.choice(w.FIRST_NAMES), rng.choice(w.INFIXES), rng.choice(w.SURNAMES)
    name = " ".join(part for part in (first, infix, last) if part)
    letters = "ABCDEFGHIJKLMNOPRSTW"
    # Dutch people with the same name are told apart by their initials.
    variants = [" ".join(p for p in (first, f"{a}.", infix, last) if p) for a in rng.sample(letters, 6)]
    return names.unique(name, *variants)


def org_fitness(org: Org) -> int:
    """A head start in attracting staff: ministries and big municipalities are big employers."""
    base = {
        "ministry": 12,
        "municipality": max(2, org.city.population // 40000),
        "province": 6,
        "government_agency": 3,
        "knowledge_institute": 3,
        "city_network": 1,
        "care_provider": 2,
    }
    return base.get(org.kind, 1)


def make_people(rng: Random, n_people: int, orgs: list[Org], cities: list[City], quiet: bool) -> list[dict]:
    names = NameBook()
    people = []
    stedenlink = orgs[0]

    def add(org: Org, title: str) -> dict:
        name = person_name(rng, names)
        record = {
            "id": f"person:{slug(name)}",
            "name": name,
            "works_at": [{"organisation": org.id, "title": title}],
            "city": org.city.id if rng.random() < 0.8 else rng.choice(cities).id,
        }
        if rng.random() < 0.04:
            record["email"] = f"{slug(name).replace('-', '.')}@{slug(org.name)}.example"
        if rng.random() < 0.03:
            record["phone"] = "06-" + "".join(str(rng.randrange(10)) for _ in range(8))
        if rng.random() < 0.03:
            record["twitter"] = "@" + slug(name).replace("-", "")[:15]
        record["source"] = SOURCE
        org.people.append(len(people))
        people.append(record)
        return record

    # Three liaisons at Stedenlink, like the report's three contact people.
    for _ in range(3):
        add(stedenlink, "aanspreekpunt thema's")
    # Preferential attachment: an organisation attracts staff in proportion to fitness + staff.
    urn = [org.index for org in orgs for _ in range(org_fitness(org))]
    for i in range(len(people), n_people):
        org = orgs[rng.randrange(len(orgs))] if rng.random() < 0.25 else orgs[rng.choice(urn)]
        urn.append(org.index)
        add(org, rng.choice(w.TITLES[org.sector]))
        if i % 50000 == 0 and i:
            progress(f"  people: {i}/{n_people}", quiet)
    add_side_jobs(rng, people, orgs)
    return people


def add_side_jobs(rng: Random, people: list[dict], orgs: list[Org]) -> None:
    """One in twelve people also sits on a board or volunteers elsewhere (a second WORKS_AT)."""
    for index, person in enumerate(people):
        if rng.random() < 1 / 12:
            other = orgs[rng.randrange(len(orgs))]
            if other.id != person["works_at"][0]["organisation"]:
                person["works_at"].append({"organisation": other.id, "title": rng.choice(w.SIDE_TITLES)})


# --- Themes and questions -----------------------------------------------------------------------


def make_themes(people: list[dict]) -> list[dict]:
    liaisons = [p["id"] for p in people[:3]]
    themes = []
    for i, (theme_slug, theme) in enumerate(w.THEMES.items()):
        themes.append(
            {
                "id": f"theme:{theme_slug}",
                "name": theme["name"],
                "description": theme["description"],
                "liaisons": [liaisons[i % 3]],
                "source": SOURCE,
            }
        )
    return themes


def fill(rng: Random, template: str, words: list[str], **extra) -> str:
    kw1, kw2, kw3 = rng.sample(words, 3)
    return template.format(kw1=kw1, kw2=kw2, kw3=kw3, kw=kw1, **extra)


def question_names(theme: str, cities: list[City]):
    """Question names for a theme: subjects, then subjects with a focus, then per city."""
    subjects = w.THEMES[theme]["subjects"]
    for i, (subject, _) in enumerate(subjects):
        yield subject, i, ""
    for focus in w.QUESTION_FOCUS:
        for i, (subject, _) in enumerate(subjects):
            yield f"{subject} {focus}", i, focus
    for city in cities:
        for i, (subject, _) in enumerate(subjects):
            yield f"{subject} in {city.name}", i, f"in {city.name}"
    number = 2
    while True:
        for i, (subject, _) in enumerate(subjects):
            yield f"{subject} ({number})", i, ""
        number += 1


def make_questions(rng: Random, n_questions: int, cities: list[City]) -> list[Question]:
    questions = []
    per_theme = max(2, -(-n_questions // len(THEME_SLUGS)))
    pilot_weights = [3 if "champions" in c.record else 1 for c in cities]
    for theme in THEME_SLUGS:
        vocab = w.THEMES[theme]
        for name, subject, focus in [n for n, _ in zip(question_names(theme, cities), range(per_theme))]:
            words = vocab["subjects"][subject][1] + vocab["keywords"]
            record = {
                "id": f"question:{theme}-{slug(name)}",
                "name": name,
                "theme": f"theme:{theme}",
                "description": f"Vraagstuk onder {vocab['name']} over {name[0].lower() + name[1:]}.",
            }
            if rng.random() < 0.02:
                record["status"] = "undescribed"
            else:
                subject_text = vocab["subjects"][subject][0].lower()
                record["question"] = fill(
                    rng, rng.choice(w.QUESTION_TEMPLATES), words, subject=subject_text, focus=focus or "in onze steden"
                )
                record["approach"] = fill(rng, rng.choice(w.APPROACH_TEMPLATES), words)
                record["steps"] = [fill(rng, t, words) for t in rng.sample(w.STEP_TEMPLATES, 3)]
                record["status"] = "described"
            if rng.random() < 0.25:
                pilots = rng.choices(cities, pilot_weights, k=rng.randint(1, 2))
                record["pilots"] = list(dict.fromkeys(c.id for c in pilots))
            record["source"] = SOURCE
            questions.append(Question(record["id"], theme, subject, record))
    return questions


# --- Teams --------------------------------------------------------------------------------------


class TeamBuilder:
    """Builds teams in order of start date, remembering who worked with whom."""

    def __init__(self, rng: Random, orgs: list[Org], people: list[dict], kinds: list[dict], cities: list[City]):
        self.rng = rng
        self.orgs = orgs
        self.people = people
        self.kinds = kinds
        self.cities = cities
        self.collaborators: list[list[int]] = [[] for _ in orgs]
        # Urns: an organisation appears once, plus once per employee and per team it joined, so that
        # uniform draws are popularity-weighted and the popular get more popular.
        self.by_theme: dict[str, list[int]] = {t: [] for t in THEME_SLUGS}
        self.by_subject: dict[tuple[str, int], list[int]] = {}
        self.by_theme_sector: dict[tuple[str, str], list[int]] = {}
        self.everyone: list[int] = []
        for org in orgs:
            for _ in range(1 + 2 * len(org.people)):
                self.remember(org)
        # A person's chance to be sent to a team grows with the teams they were in.
        self.staff_urn: list[list[int]] = [list(org.people) for org in orgs]
        self.names = NameBook()

    def remember(self, org: Org) -> None:
        self.by_theme[org.theme].append(org.index)
        self.by_subject.setdefault((org.theme, org.subject), []).append(org.index)
        self.by_theme_sector.setdefault((org.theme, org.sector), []).append(org.index)
        self.everyone.append(org.index)

    def draw(self, question: Question, chosen: list[int], banned_sector: str | None) -> int | None:
        rng = self.rng
        for _ in range(20):
            r = rng.random()
            if chosen and r < P_NETWORK:
                pool = self.collaborators[rng.choice(chosen)] or self.by_theme[question.theme]
            elif r < P_NETWORK + P_TOPIC:
                pool = (
                    self.by_subject.get((question.theme, question.subject)) if rng.random() < 0.5 else None
                ) or self.by_theme[question.theme]
            elif r < P_NETWORK + P_TOPIC + P_SECTOR:
                present = {self.orgs[i].sector for i in chosen}
                missing = [s for s in SECTORS if s not in present and s != banned_sector]
                pool = (
                    self.by_theme_sector.get((question.theme, rng.choice(missing))) if missing else None
                ) or self.everyone
            else:
                pool = self.everyone
            candidate = rng.choice(pool)
            if candidate not in chosen and self.orgs[candidate].sector != banned_sector:
                return candidate
        return None

    def team_orgs(self, question: Question, size: int, banned_sector: str | None) -> list[int]:
        chosen: list[int] = []
        for _ in range(size):
            candidate = self.draw(question, chosen, banned_sector)
            if candidate is not None:
                chosen.append(candidate)
        return chosen

    def build(self, question: Question, start: dt.date, shape: str) -> dict:
        rng = self.rng
        banned = rng.choice(SECTORS) if rng.random() < 0.3 else None
        if shape == "empty":
            size = rng.randint(0, 2)  # nobody named; perhaps an organisation or two as a whole
        elif shape == "single":
            size = 1
        else:
            size = rng.choices(range(2, 10), [10, 18, 20, 16, 12, 9, 6, 4])[0]
        held_out = 0 if shape == "single" else rng.choices([0, 1, 2], [30, 45, 25])[0]
        drawn = self.team_orgs(question, size + held_out, banned)
        wanted, drawn = drawn[size:], drawn[:size]

        members, partners = [], []
        consortium = shape == "empty" or rng.random() < 0.2
        for position, org_index in enumerate(drawn):
            org = self.orgs[org_index]
            as_partner = shape == "empty" or not org.people or (consortium and position > 0 and rng.random() < 0.4)
            if as_partner:
                partners.append({"organisation": org.id, "role": "penvoerder" if not partners else "partner"})
                continue
            for person in self.send_people(org_index, 2 if shape != "single" and rng.random() < 0.2 else 1):
                if all(m["person"] != self.people[person]["id"] for m in members):
                    members.append(
                        {
                            "person": self.people[person]["id"],
                            "role": "trekker" if not members and rng.random() < 0.6 else "member",
                        }
                    )
        self.link(drawn)

        record = {"id": "", "name": "", "question": question.id}
        theme = w.THEMES[question.theme]
        base = f"Team {theme['name']} / {question.record['name']}"
        record["name"] = self.names.unique(base, *(f"{base} {c.name}" for c in rng.sample(self.cities, 2)))
        record["id"] = f"team:{slug(record['name'].removeprefix('Team '))}"
        record["description"] = f"Team dat werkt aan het vraagstuk {question.record['name']} ({theme['name']})."
        record["start_date"] = start.isoformat()
        if rng.random() < 0.4:
            record["end_date"] = (start + dt.timedelta(days=rng.randint(180, 900))).isoformat()
        wants = self.wants(question, drawn, wanted, banned)
        if wants:
            record["partners_line"] = partners_line([want["text"] for want in wants])
        record.update(
            members=members, partners=partners, wants=wants, cities=self.city_joins(question, start), source=SOURCE
        )
        return record

    def send_people(self, org_index: int, count: int) -> list[int]:
        urn = self.staff_urn[org_index]
        sent = [self.rng.choice(urn) for _ in range(count)]
        urn.extend(sent)
        return sent

    def link(self, team: list[int]) -> None:
        for a in team:
            self.remember(self.orgs[a])
            self.collaborators[a].extend(b for b in team if b != a)

    def wants(self, question: Question, team: list[int], held_out: list[int], banned: str | None) -> list[dict]:
        """Named organisations and kinds the team still needs: held-out partners, the missing
        sector, kinds that fit the theme, and now and then a random one (noise)."""
        rng = self.rng
        orgs = list(held_out)
        kinds = []
        present = {self.orgs[i].sector for i in team}
        missing = [s for s in SECTORS if s not in present]
        if team and missing:
            sector = banned if banned in missing else rng.choice(missing)
            if rng.random() < 0.5:
                kinds.append(SECTOR_KIND[sector])
            pool = self.by_theme_sector.get((question.theme, sector))
            if pool and rng.random() < 0.6:
                orgs.append(rng.choice(pool))
        theme_kinds = [
            k["record"]["id"]
            for k in self.kinds
            if question.theme in k["themes"] and k["record"]["id"] not in SECTOR_KIND.values()
        ]
        kinds += rng.sample(theme_kinds, min(len(theme_kinds), rng.choices([0, 1, 2, 3], [35, 35, 20, 10])[0]))
        if rng.random() < 0.15:
            orgs.append(rng.choice(self.everyone))
        if rng.random() < 0.1:
            kinds.append(rng.choice(self.kinds)["record"]["id"])
        names = {k["record"]["id"]: k["record"]["name"] for k in self.kinds}
        wants = [
            {"text": self.orgs[i].name, "organisation": self.orgs[i].id} for i in dict.fromkeys(orgs) if i not in team
        ]
        wants += [
            {"text": names[k][0].lower() + names[k][1:] if rng.random() < 0.5 else names[k], "kind": k}
            for k in dict.fromkeys(kinds)
        ]
        rng.shuffle(wants)
        return wants

    def city_joins(self, question: Question, start: dt.date) -> list[dict]:
        rng = self.rng
        if rng.random() < 0.35:
            return []
        champion = f"theme:{question.theme}"
        weights = [
            wt * (4 if champion in c.record.get("champions", []) else 1)
            for c, wt in zip(self.cities, city_weights(self.cities))
        ]
        chosen = dict.fromkeys(c.id for c in rng.choices(self.cities, weights, k=rng.randint(1, 5)))
        return [
            {
                "city": city_id,
                "status": rng.choices(JOIN_STATUSES, JOIN_WEIGHTS)[0],
                "since": (start + dt.timedelta(days=rng.randint(0, 400))).isoformat(),
            }
            for city_id in chosen
        ]


def partners_line(texts: list[str]) -> str:
    return texts[0] if len(texts) == 1 else ", ".join(texts[:-1]) + " en " + texts[-1]


def start_dates(rng: Random, n_teams: int) -> list[dt.date]:
    """A few teams start at the conference; the rest over the following four and a half years."""
    at_conference = max(2, n_teams // 50)
    span = (LAST_START - CONFERENCE).days
    later = sorted(CONFERENCE + dt.timedelta(days=rng.randint(1, span)) for _ in range(n_teams - at_conference))
    return [CONFERENCE] * at_conference + later


def team_shapes(rng: Random, n_teams: int) -> list[str]:
    """Mostly normal teams; about 4% without members and 4% with one, at least one of each."""
    shapes = ["normal"] * n_teams
    odd = rng.sample(range(n_teams), min(n_teams, 2 * max(1, n_teams // 25)))
    for i, index in enumerate(odd):
        shapes[index] = "empty" if i % 2 == 0 else "single"
    return shapes


def make_teams(rng: Random, n_teams: int, net: Network, quiet: bool) -> list[dict]:
    builder = TeamBuilder(rng, net.orgs, net.people, net.kinds, net.cities)
    teams = []
    for number, (start, shape) in enumerate(zip(start_dates(rng, n_teams), team_shapes(rng, n_teams))):
        teams.append(builder.build(rng.choice(net.questions), start, shape))
        if number % 5000 == 0 and number:
            progress(f"  teams: {number}/{n_teams}", quiet)
    return teams


# --- Events -------------------------------------------------------------------------------------


def make_events(rng: Random, net: Network) -> list[dict]:
    events = [
        {
            "id": "event:werkconferentie-2011-06-16",
            "name": "Werkconferentie Digitale Steden Agenda 16 juni 2011",
            "kind": "conference",
            "date": CONFERENCE.isoformat(),
            "city": "city:amersfoort",
            "description": "Werkconferentie waarop teams hun vraagstukken aanscherpten.",
            "source": SOURCE,
        },
        {
            "id": "event:werkbijeenkomst-2011-09-22",
            "name": "Werkbijeenkomst Digitale Steden Agenda 22 september 2011",
            "kind": "work_meeting",
            "date": WORK_MEETING.isoformat(),
            "city": "city:den-haag",
            "venue": "org:theater-de-regentes",
            "description": "Werkbijeenkomst waarop ieder team over de voortgang rapporteert.",
            "source": SOURCE,
        },
        {
            "id": "event:plan-deadline-2011",
            "name": "Eerste projectplannen gereed voor peer review",
            "kind": "plan_deadline",
            "date": PLAN_DEADLINE.isoformat(),
            "description": "De eerste projectplannen moeten gereed zijn voor peer reviews.",
            "source": SOURCE,
        },
    ]
    record_participation(rng, net)
    return events


def record_participation(rng: Random, net: Network) -> None:
    """Members of conference teams took part in the conference, the liaisons organised it, and half
    of the members of teams started before the work meeting came to that."""
    by_id = {p["id"]: p for p in net.people}
    taking_part: dict[str, dict[str, str]] = {}
    for liaison in net.people[:3]:
        taking_part.setdefault(liaison["id"], {})["event:werkconferentie-2011-06-16"] = "organiser"
    for team in net.teams:
        start = dt.date.fromisoformat(team["start_date"])
        for member in team["members"]:
            events = taking_part.setdefault(member["person"], {})
            if start == CONFERENCE:
                events.setdefault("event:werkconferentie-2011-06-16", "participant")
            if start < WORK_MEETING and rng.random() < 0.5:
                events.setdefault("event:werkbijeenkomst-2011-09-22", "participant")
    for person_id, events in taking_part.items():
        record = by_id[person_id]
        source = record.pop("source")
        record["events"] = [{"event": e, "role": role} for e, role in events.items()]
        record["source"] = source


# --- Writing ------------------------------------------------------------------------------------


def sections(net: Network) -> dict[str, list[dict]]:
    return {
        "themes": net.themes,
        "cities": [c.record for c in net.cities],
        "organisations": [o.record for o in net.orgs],
        "partner_kinds": [k["record"] for k in net.kinds],
        "people": net.people,
        "questions": [q.record for q in net.questions],
        "teams": net.teams,
        "events": net.events,
    }


def write_bundle(out_dir: Path, bundle: dict[str, list[dict]]) -> None:
    """One file per section, one record per line: compact, fast to parse, readable in a diff."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for section, records in bundle.items():
        lines = ",\n".join(json.dumps(r, ensure_ascii=False) for r in records)
        (out_dir / f"{section}.json").write_text(f'{{"{section}": [\n{lines}\n]}}\n', encoding="utf-8")


def generate(
    people: int, seed: int, teams: int | None = None, organisations: int | None = None, quiet: bool = True
) -> dict[str, list[dict]]:
    """The bundle as {section: records}; see the module docstring."""
    rng = Random(seed)
    n_orgs = max(40, organisations or people // 4)
    n_teams = max(4, teams or people // 8)
    n_people = max(10, people)
    net = Network()
    started = time.monotonic()

    def stage(name: str, count: int) -> None:
        progress(f"  {name}: {count} ({time.monotonic() - started:.1f} s)", quiet)

    net.cities = make_cities(rng)
    net.kinds = make_partner_kinds()
    net.orgs = make_organisations(rng, n_orgs, net.cities, net.kinds)
    stage("organisations", len(net.orgs))
    net.people = make_people(rng, n_people, net.orgs, net.cities, quiet)
    stage("people", len(net.people))
    net.themes = make_themes(net.people)
    net.questions = make_questions(rng, max(len(THEME_SLUGS) * 2, round(n_teams / 2.5)), net.cities)
    stage("questions", len(net.questions))
    net.teams = make_teams(rng, n_teams, net, quiet)
    stage("teams", len(net.teams))
    net.events = make_events(rng, net)
    return sections(net)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bench.generate",
        description="Write a synthetic bundle shaped like the G4/G32 city network (one JSON file per "
        "section) for evaluations, tests and benchmarks of the partner matcher. Load it with "
        "python -m graph load OUT_DIR. The same arguments always give the same files.",
    )
    parser.add_argument("out_dir", type=Path, metavar="OUT_DIR", help="directory to write <section>.json into")
    parser.add_argument("--people", type=int, default=2000, help="number of people (default 2000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--teams", type=int, help="number of teams (default people/8)")
    parser.add_argument("--organisations", type=int, help="number of organisations (default people/4, at least 40)")
    parser.add_argument("--quiet", action="store_true", help="no progress lines on stderr")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    started = time.monotonic()
    quiet = args.quiet or args.people < 20000
    bundle = generate(args.people, args.seed, args.teams, args.organisations, quiet=quiet)
    others = (
        [
            p.name
            for p in args.out_dir.glob("*")
            if p.is_file() and p.suffix in (".json", ".yaml", ".yml") and p.stem not in bundle
        ]
        if args.out_dir.is_dir()
        else []
    )
    write_bundle(args.out_dir, bundle)
    if others:
        print(
            f"warning: {args.out_dir} also holds {', '.join(sorted(others))}, which the loader reads too",
            file=sys.stderr,
        )
    counts = ", ".join(f"{section} {len(records)}" for section, records in bundle.items())
    print(f"{args.out_dir}: {counts} ({time.monotonic() - started:.1f} s, seed {args.seed})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
