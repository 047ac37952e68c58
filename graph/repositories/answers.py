"""What teams answer to suggestions, stored in the graph with who answered and when.

accept      an organisation becomes a partner of the team (PARTNER_IN, via 'suggestion');
reject      an organisation, partner kind or city is not suggested to the team again (REJECTED);
            it is no longer a partner by suggestion, nor a city with a status;
invite, interested, commit, decline
            the city's status with the team (JOINS.status).

A target has one answer state with a team: the last answer replaces the one before (the audit log
keeps them all). Each answer locks the team's node before it reads, so that answers given at the
same time follow one another and the last one to run is the state that stays.
"""

from __future__ import annotations

import datetime as dt

from neo4j import ManagedTransaction

from graph.handle import native
from graph.repositories import label, locks
from graph.vocabulary import CITY_STATUS_OF_ANSWER

ANSWER_OF_STATUS = {status: answer for answer, status in CITY_STATUS_OF_ANSWER.items()}


class PartnerByRecord(Exception):
    """A reject of an organisation that is the team's partner by the team's own record, not by a
    suggestion: an answer does not undo what a coordinator wrote."""

    def __init__(self, team_id: str, org_id: str, role: str | None):
        super().__init__(
            f"{org_id} is a partner of {team_id} in the team's record (role {role!r}), not by an "
            "accepted suggestion; a coordinator removes it from the team's partners first"
        )


_ACCEPT = """
    MATCH (t:Team {id: $team}) MATCH (o:Organisation {id: $target})
    OPTIONAL MATCH (t)-[old:REJECTED]->(o) DELETE old
    MERGE (o)-[p:PARTNER_IN]->(t) ON CREATE SET p.role = 'partner', p.via = 'suggestion', p.by = $by, p.at = $at
    // A partner by suggestion accepted again: the answer is the latest; one from the team's record stays as it is.
    ON MATCH SET p.by = CASE WHEN p.via = 'suggestion' THEN $by ELSE p.by END,
                 p.at = CASE WHEN p.via = 'suggestion' THEN $at ELSE p.at END
    RETURN count(p) AS n"""
_CITY = """
    MATCH (t:Team {id: $team}) MATCH (c:City {id: $target})
    OPTIONAL MATCH (t)-[old:REJECTED]->(c) DELETE old
    MERGE (c)-[j:JOINS]->(t) SET j.status = $status, j.since = date($at), j.by = $by, j.at = $at
    RETURN count(j) AS n"""


_REJECT = """
    MATCH (t:Team {{id: $team}}) MATCH (x:{label} {{id: $target}})
    CALL (t, x) {{
        MATCH (x)-[old:PARTNER_IN|JOINS]->(t) WHERE type(old) = 'JOINS' OR old.via = 'suggestion' DELETE old
    }}
    MERGE (t)-[r:REJECTED]->(x) SET r.reason = $reason, r.by = $by, r.at = $at
    RETURN count(r) AS n"""


def apply_answer(
    tx: ManagedTransaction,
    team_id: str,
    target_id: str,
    target_label: str,
    answer: str,
    by: str,
    at: dt.datetime,
    reason: str | None = None,
) -> bool:
    """Stores one answer as the target's state with the team; False when the team or the target is
    not in the graph. Raises PartnerByRecord for a reject of a partner the team's record names."""
    if not locks.lock_node(tx, "Team", team_id):
        return False
    params = {"team": team_id, "target": target_id, "by": by, "at": at}
    if answer == "reject":
        role = _partner_by_record(tx, team_id, target_id)
        if role is not None:
            raise PartnerByRecord(team_id, target_id, role)
        result = tx.run(_REJECT.format(label=label(target_label)), reason=reason, **params)
    elif answer == "accept":
        result = tx.run(_ACCEPT, **params)
    else:
        result = tx.run(_CITY, status=CITY_STATUS_OF_ANSWER[answer], **params)
    return result.single()["n"] == 1


def _partner_by_record(tx: ManagedTransaction, team_id: str, target_id: str) -> str | None:
    """The role of a partnership of the target with the team that no suggestion made, if any."""
    record = tx.run(
        "MATCH (:Organisation {id: $target})-[p:PARTNER_IN]->(:Team {id: $team}) "
        "WHERE p.via IS NULL OR p.via <> 'suggestion' RETURN coalesce(p.role, 'partner') AS role",
        team=team_id,
        target=target_id,
    ).single()
    return None if record is None else record["role"]


def team_answers(tx: ManagedTransaction, team_id: str) -> list[dict]:
    """Every answer the team gave through suggestions, newest first."""
    result = tx.run(
        """
        MATCH (t:Team {id: $team})
        CALL (t) {
            MATCH (t)-[r:REJECTED]->(x) RETURN x.id AS target, 'reject' AS answer, r.reason AS reason, r.by AS by, r.at AS at
          UNION ALL
            MATCH (o:Organisation)-[p:PARTNER_IN {via: 'suggestion'}]->(t)
            RETURN o.id AS target, 'accept' AS answer, null AS reason, p.by AS by, p.at AS at
          UNION ALL
            MATCH (c:City)-[j:JOINS]->(t) WHERE j.by IS NOT NULL
            RETURN c.id AS target, j.status AS answer, null AS reason, j.by AS by, j.at AS at
        }
        RETURN target, answer, reason, by, at ORDER BY at DESC, target""",
        team=team_id,
    )
    return [
        {**r.data(), "answer": ANSWER_OF_STATUS.get(r["answer"], r["answer"]), "team": team_id, "at": native(r["at"])}
        for r in result
    ]
