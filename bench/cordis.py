"""python -m bench.cordis OUT_DIR: the EU's Horizon 2020 consortia (CORDIS) as a bundle.

Reads projects.csv, organisations.csv and memberships.csv (see the data set's README) and writes
OUT_DIR/themes.json, questions.json, cities.json, organisations.json and teams.json, which
`python -m graph load` reads like any other bundle:

    programme part  -> theme      topic       -> question
    project         -> team       membership  -> the team's partner {organisation, role}
    organisation    -> organisation, located in a city ("Delft (NL)")

Names and aliases are worked out over the whole data set, so an organisation has the same name in
every subset (--limit-projects) and subsets can be loaded on top of each other.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from graph.bundle import name_key
from graph.settings import PROJECT_ROOT

DEFAULT_DATA = PROJECT_ROOT.parent / "shared" / "data" / "cordis_h2020"
SECTION_FILES = ("themes", "questions", "cities", "organisations", "teams")

# The programme parts of H2020 (projects.csv 'programme_part'); a project may have several,
# joined by ';'. About thirty distinct values: a workable number of themes.
PROGRAMME_PARTS = {
    "ERC": "European Research Council",
    "MSCA": "Marie Skłodowska-Curie actions",
    "FET": "Future and emerging technologies",
    "RI": "Research infrastructures",
    "LEIT": "Leadership in enabling and industrial technologies",
    "ARF": "Access to risk finance",
    "Innovation in SMEs": "Innovation in SMEs",
    "SC1": "Health, demographic change and wellbeing",
    "SC2": "Food security, bioeconomy, marine and inland water research",
    "SC3": "Secure, clean and efficient energy",
    "SC4": "Smart, green and integrated transport",
    "SC5": "Climate action, environment, resource efficiency and raw materials",
    "SC6": "Europe in a changing world: inclusive, innovative and reflective societies",
    "SC7": "Secure societies",
    "SEWP": "Spreading excellence and widening participation",
    "SWAFS": "Science with and for society",
    "Euratom": "Euratom research and training",
}

# Organisation type -> (kind, sector). Public bodies are refined by name below.
KIND_AND_SECTOR = {
    "PRC": ("company", "business"),
    "HES": ("knowledge_institute", "knowledge"),
    "REC": ("knowledge_institute", "knowledge"),
    "PUB": ("government_agency", "government"),
    "OTH": ("other", "civil_society"),
}

# Public bodies whose names clearly say what they are, matched on the name key (lowercase, no
# accents or punctuation). A short list of the common forms in the data, not a full gazetteer.
MUNICIPALITY = re.compile(
    r"^(gemeente|stad|stadt|landeshauptstadt|magistrat der stadt|comune|citta di|ayuntamiento|ajuntament"
    r"|ayuntament|municipio|municipiul|camara municipal|ville de|city of|municipality of|miasto)\b"
    r"|\b(kommune|kommun|kaupunki|city council|borough council|municipality)$"
)
PROVINCE = re.compile(r"^(provincie|provincia|provincia autonoma|regione)\b")
MINISTRY = re.compile(
    r"^(\w+ )?(ministerie|ministry|ministere|ministero|ministerio|ministerul|ministarstvo"
    r"|ministrstvo|bundesministerium)\b"
)


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def repair(text: str) -> str:
    """Undoes the data's mojibake: UTF-8 read as Mac Roman ('ESPA√ëA' for 'ESPAÑA').

    In this data every non-ASCII name and city is spoilt that way; a correct string almost never
    survives the round trip, so it is kept as it is.
    """
    if text.isascii():
        return text
    try:
        return text.encode("mac_roman").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


def slug(text: str) -> str:
    """An id slug made the way names are compared, so one slug is one name key."""
    return name_key(text).replace(" ", "-")


def read_rows(path: Path) -> list[dict]:
    # The csv module keeps every cell as text: 'NA' stays Namibia.
    with path.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    progress(f"read {len(rows)} rows from {path.name}")
    return rows


# --- organisations and cities ----------------------------------------------------------------


def base_name(org: dict) -> str:
    return repair(org["name"]) or repair(org["short_name"]) or f"Organisatie {org['org_id']}"


def city_title(city: str) -> str:
    return repair(city).strip().title()


def place(org: dict) -> str:
    city = city_title(org["city"])
    return f"{city}, {org['country']}" if city else org["country"]


def organisation_names(orgs: list[dict]) -> dict[str, str]:
    """A name per org_id, unique by name key: the loader takes one name key as one party."""
    names = {org["org_id"]: base_name(org) for org in orgs}
    by_id = {org["org_id"]: org for org in orgs}
    # Namesakes are told apart by their place, then (same place) by their participant code.
    for suffix in (lambda org_id: f" ({place(by_id[org_id])})", lambda org_id: f" [{org_id}]"):
        for org_ids in _colliding(names):
            for org_id in org_ids:
                names[org_id] += suffix(org_id)
    if _colliding(names):
        raise ValueError(f"organisation names still collide: {_colliding(names)[:3]}")
    return names


def _colliding(names: dict[str, str]) -> list[list[str]]:
    owners = defaultdict(list)
    for org_id, name in names.items():
        owners[name_key(name)].append(org_id)
    return [org_ids for org_ids in owners.values() if len(org_ids) > 1]


def organisation_aliases(orgs: list[dict], names: dict[str, str]) -> dict[str, list[str]]:
    """The short name as alias, unless it could mean another organisation too."""
    taken = Counter(name_key(name) for name in names.values())
    short_keys = Counter(name_key(repair(org["short_name"])) for org in orgs if org["short_name"])
    aliases = {}
    for org in orgs:
        short = repair(org["short_name"]).strip()
        key = name_key(short)
        if key and key != name_key(names[org["org_id"]]) and key not in taken and short_keys[key] == 1:
            aliases[org["org_id"]] = [short]
    return aliases


def kind_and_sector(org: dict, name: str) -> tuple[str, str]:
    kind, sector = KIND_AND_SECTOR[org["type"]]
    if org["type"] == "PUB":
        key = name_key(name)
        if MUNICIPALITY.search(key):
            kind = "municipality"
        elif PROVINCE.search(key):
            kind = "province"
        elif MINISTRY.search(key):
            kind = "ministry"
    return kind, sector


def city_id(org: dict) -> str | None:
    city_slug = slug(repair(org["city"]))
    return f"city:cordis-{org['country'].lower()}-{city_slug}" if city_slug else None


def city_records(orgs: list[dict]) -> dict[str, dict]:
    """One city per id; of the spellings that make one id, the most common one names it."""
    spellings = defaultdict(Counter)
    for org in orgs:
        if city_id(org):
            spellings[city_id(org), org["country"]][city_title(org["city"])] += 1
    cities = {}
    for (id_, country), counts in sorted(spellings.items()):
        title = min(counts, key=lambda spelling: (-counts[spelling], spelling))
        cities[id_] = {
            "id": id_,
            "name": f"{title} ({country})",
            "description": f"Place of organisations in EU Horizon 2020 projects ({country}).",
            "source": "CORDIS H2020 organisations.csv",
        }
    return cities


def organisation_record(org: dict, name: str, aliases: list[str]) -> dict:
    kind, sector = kind_and_sector(org, name)
    record = {
        "id": f"org:cordis-{org['org_id']}",
        "name": name,
        "aliases": aliases,
        "kind": kind,
        "sector": sector,
        "country": org["country"],
        "description": f"{org['type_title']} in {place(org)}.",
        "keywords": [org["type"].lower(), org["country"].lower()],
        "city": city_id(org),
        "source": "CORDIS H2020 organisations.csv",
    }
    return {field: value for field, value in record.items() if value not in (None, [])}


# --- themes, questions and teams -------------------------------------------------------------


def theme_id(project: dict) -> str:
    return f"theme:cordis-{slug(project['programme_part']) or 'unspecified'}"


def theme_record(project: dict) -> dict:
    parts = [p for p in project["programme_part"].split(";") if p]
    name = " / ".join(PROGRAMME_PARTS.get(p, p) for p in parts) or "Several priorities"
    return {
        "id": theme_id(project),
        "name": f"H2020: {name}",
        "description": f"Horizon 2020 programme part {project['programme_part'] or '(not given)'}.",
        "source": "CORDIS H2020 projects.csv",
    }


def question_id(topic_code: str) -> str:
    return f"question:cordis-{slug(topic_code)}"


def question_records(projects: list[dict]) -> dict[str, dict]:
    """One question per topic; its theme is that of the topic's earliest project."""
    first = {}
    for project in projects:
        first.setdefault(project["topic_code"], project)
    titles = Counter(p["topic_title"] for p in first.values())
    questions = {}
    for code, project in first.items():
        title = project["topic_title"]
        record = {
            "id": question_id(code),
            "name": title or code,
            "theme": theme_id(project),
            "description": f"H2020 topic {code}.",
            "source": "CORDIS H2020 projects.csv",
        }
        if titles[title] > 1:  # several topics share the title, e.g. calls of 2014 and 2015
            record["name"] = f"{title} ({code})"
        if title:
            record["question"] = title
        else:  # the data gives no title: the topic is named but not described
            record["status"] = "undescribed"
        questions[code] = record
    if len({q["id"] for q in questions.values()}) != len(questions):
        raise ValueError("two topic codes make the same question id")
    return questions


def partners_by_project(memberships: list[dict], org_ids: set[str]) -> tuple[dict[str, dict], int]:
    """project_id -> {org_id: role}, one role per organisation (coordinator wins); and how many
    memberships name an organisation that organisations.csv does not hold."""
    partners = defaultdict(dict)
    missing = 0
    for row in memberships:
        if row["org_id"] not in org_ids:
            missing += 1
            continue
        roles = partners[row["project_id"]]
        if roles.get(row["org_id"]) != "coordinator":
            roles[row["org_id"]] = row["role"]
    return partners, missing


def team_record(project: dict, roles: dict[str, str]) -> dict:
    record = {
        "id": f"team:cordis-{project['project_id']}",
        "name": project["acronym"] or f"Project {project['project_id']}",
        "question": question_id(project["topic_code"]),
        "description": project["text"],
        "start_date": project["start_date"],
        "end_date": project["end_date"],
        "partners": [{"organisation": f"org:cordis-{org_id}", "role": role} for org_id, role in roles.items()],
        "source": "CORDIS H2020 projects.csv, memberships.csv",
    }
    return {field: value for field, value in record.items() if value not in ("", None)}


def by_start(project: dict) -> tuple:
    # Undated projects last: an evaluation forward in time cannot place them.
    return (project["start_date"] == "", project["start_date"], int(project["project_id"]))


# --- the whole conversion --------------------------------------------------------------------


def convert(data_dir: Path, out_dir: Path, limit_projects: int | None = None, min_partners: int = 1) -> dict:
    """Writes the bundle and returns a summary: records per section and what was left out."""
    projects = sorted(read_rows(data_dir / "projects.csv"), key=by_start)
    orgs = read_rows(data_dir / "organisations.csv")
    memberships = read_rows(data_dir / "memberships.csv")

    partners, missing = partners_by_project(memberships, {org["org_id"] for org in orgs})
    kept = [p for p in projects if len(partners.get(p["project_id"], {})) >= min_partners]
    too_small = len(projects) - len(kept)
    kept = kept[:limit_projects] if limit_projects is not None else kept

    # Names over all organisations and questions over all projects, so they do not depend on
    # the subset; then only what the kept projects need.
    names = organisation_names(orgs)
    aliases = organisation_aliases(orgs, names)
    all_questions = question_records(projects)
    needed_orgs = {org_id for p in kept for org_id in partners.get(p["project_id"], {})}
    org_rows = [org for org in orgs if org["org_id"] in needed_orgs]
    questions = [all_questions[code] for code in dict.fromkeys(p["topic_code"] for p in kept)]
    theme_of = {theme_id(p): theme_record(p) for p in projects}

    bundle = {
        "themes": [theme_of[id_] for id_ in dict.fromkeys(q["theme"] for q in questions)],
        "questions": questions,
        "cities": list(city_records(org_rows).values()),
        "organisations": [
            organisation_record(org, names[org["org_id"]], aliases.get(org["org_id"], [])) for org in org_rows
        ],
        "teams": [team_record(p, partners.get(p["project_id"], {})) for p in kept],
    }
    write_bundle(bundle, out_dir)
    return {
        "records": {section: len(records) for section, records in bundle.items()},
        "partners": sum(len(team.get("partners", [])) for team in bundle["teams"]),
        "memberships_without_organisation": missing,
        "projects_below_min_partners": too_small,
        "renamed_namesakes": sum(1 for org in orgs if names[org["org_id"]] != base_name(org)),
        "aliases": len(aliases),
    }


def write_bundle(bundle: dict[str, list], out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    for section in SECTION_FILES:
        path = out_dir / f"{section}.json"
        path.write_text(json.dumps({section: bundle[section]}, ensure_ascii=False, indent=1), encoding="utf-8")
        progress(f"wrote {len(bundle[section])} {section} to {path}")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bench.cordis",
        description="Convert the CORDIS Horizon 2020 extract (projects, organisations, memberships) into "
        "a bundle of JSON files for python -m graph load.",
    )
    parser.add_argument("out_dir", type=Path, metavar="OUT_DIR", help="where to write the bundle")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help=f"the CSV files (default {DEFAULT_DATA})")
    parser.add_argument(
        "--limit-projects",
        type=int,
        metavar="N",
        help="keep only the first N projects by start date (then id), with what they need",
    )
    parser.add_argument(
        "--min-partners",
        type=int,
        default=1,
        metavar="N",
        help="leave out projects with fewer than N partners (default 1: keep all)",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    started = time.monotonic()
    summary = convert(args.data, args.out_dir, args.limit_projects, args.min_partners)
    print(f"Wrote {args.out_dir} in {time.monotonic() - started:.1f} s:")
    for section, count in summary["records"].items():
        print(f"  {section:<14} {count:>6}")
    print(f"  partners       {summary['partners']:>6}  (PARTNER_IN)")
    print(
        f"Left out: {summary['memberships_without_organisation']} membership(s) of organisations missing from "
        f"organisations.csv, {summary['projects_below_min_partners']} project(s) with fewer than "
        f"{args.min_partners} partner(s)."
    )
    print(f"Namesakes renamed: {summary['renamed_namesakes']}; short names kept as alias: {summary['aliases']}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
