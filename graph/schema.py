"""Constraints and indexes. Applying them is idempotent (IF NOT EXISTS)."""

from graph.bundle import LABELS
from graph.handle import Graph

FULLTEXT_INDEX = "entity_search"
SEARCHABLE_LABELS = ("Person", "Organisation", "City", "Theme", "Team", "Question", "PartnerKind", "Project")


def schema_statements() -> list[str]:
    # Labels and property names come from our own constants, never from input: Cypher cannot take
    # them as parameters in schema commands.
    statements = [
        f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE" for label in LABELS
    ]
    statements += [
        "CREATE INDEX organisation_kind IF NOT EXISTS FOR (n:Organisation) ON (n.kind)",
        "CREATE INDEX organisation_sector IF NOT EXISTS FOR (n:Organisation) ON (n.sector)",
        "CREATE INDEX organisation_country IF NOT EXISTS FOR (n:Organisation) ON (n.country)",
        "CREATE INDEX event_date IF NOT EXISTS FOR (n:Event) ON (n.date)",
        "CREATE INDEX post_date IF NOT EXISTS FOR (n:Post) ON (n.date)",
        "CREATE INDEX join_status IF NOT EXISTS FOR ()-[r:JOINS]-() ON (r.status)",
        # The service's own records, outside the domain model: tokens, login sessions, the audit log
        # and write locks.
        "CREATE CONSTRAINT apitoken_hash IF NOT EXISTS FOR (n:ApiToken) REQUIRE n.hash IS UNIQUE",
        "CREATE CONSTRAINT loginsession_hash IF NOT EXISTS FOR (n:LoginSession) REQUIRE n.hash IS UNIQUE",
        "CREATE CONSTRAINT apitoken_id IF NOT EXISTS FOR (n:ApiToken) REQUIRE n.id IS UNIQUE",
        "CREATE INDEX auditentry_at IF NOT EXISTS FOR (n:AuditEntry) ON (n.at)",
        # One lock node per label (graph.repositories.locks): unique, so that two first writes of a
        # label that MERGE it at once make one node and so one lock.
        "CREATE CONSTRAINT writelock_id IF NOT EXISTS FOR (n:WriteLock) REQUIRE n.id IS UNIQUE",
        # The journal of a batched load (graph.journal): its steps are undone latest first.
        "CREATE CONSTRAINT import_id IF NOT EXISTS FOR (n:Import) REQUIRE n.id IS UNIQUE",
        "CREATE INDEX importstep_seq IF NOT EXISTS FOR (n:ImportStep) ON (n.import, n.seq)",
    ]
    statements.append(
        f"CREATE FULLTEXT INDEX {FULLTEXT_INDEX} IF NOT EXISTS "
        f"FOR (n:{'|'.join(SEARCHABLE_LABELS)}) ON EACH [n.name, n.aliases, n.description, n.keywords]"
    )
    return statements


def apply_schema(graph: Graph) -> None:
    for statement in schema_statements():
        graph.write_query(statement)
    graph.write_query("CALL db.awaitIndexes(300)")
