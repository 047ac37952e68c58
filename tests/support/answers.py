"""Answers recorded straight in the graph, as a team's answer through the API would record them
(graph.repositories.answers.apply_answer, in one write transaction), for tests that need a graph
where teams have answered."""

from __future__ import annotations

import datetime as dt

from graph.handle import Graph
from graph.repositories.answers import ANSWER_OF_STATUS, apply_answer


def reject(
    graph: Graph, team_id: str, target_id: str, target_label: str, by: str, at: dt.datetime, reason: str | None = None
) -> bool:
    return graph.write(lambda tx: apply_answer(tx, team_id, target_id, target_label, "reject", by, at, reason))


def accept_partner(graph: Graph, team_id: str, org_id: str, by: str, at: dt.datetime) -> bool:
    return graph.write(lambda tx: apply_answer(tx, team_id, org_id, "Organisation", "accept", by, at))


def city_status(graph: Graph, team_id: str, city_id: str, status: str, by: str, at: dt.datetime) -> bool:
    answer = ANSWER_OF_STATUS[status]
    return graph.write(lambda tx: apply_answer(tx, team_id, city_id, "City", answer, by, at))
