"""Generated scenarios of any size, built straight into the core model."""

from __future__ import annotations

import random

from game.core.expressions import compile_expression, literal_expression
from game.core.model import Assignment, Choice, Ending, Node, Scenario, Timer, Value


def big_scenario(nodes: int, flags: int = 3, seed: int = 7, *, timers: bool = False) -> Scenario:
    """`nodes` decision nodes in layers, 3 choices each, conditions on a few flags.

    Choices lead forward (so every playthrough ends) and every fifth choice has
    an `if`; every seventh sets a flag. Ten endings of each outcome close it.
    With `timers`, every fourth node has a timer that leads through a
    narration node (a `next` passage that sets a flag) to a later node.
    """
    rng = random.Random(seed)
    variables: dict[str, Value] = {f"flag{i}": False for i in range(flags)}
    names = list(variables)
    endings = [f"end{i}" for i in range(30)]
    ids = [f"n{i}" for i in range(nodes)]
    built: dict[str, Node] = {}
    counter = 0
    for i, node_id in enumerate(ids):
        choices = []
        for k in range(3):
            counter += 1
            ahead = ids[i + 1 : i + 40]
            goto = rng.choice(ahead) if ahead and rng.random() < 0.97 else rng.choice(endings)
            condition = None
            if counter % 5 == 0 and k > 0:
                flag = rng.choice(names)
                source = flag if rng.random() < 0.5 else f"not {flag}"
                condition = compile_expression(source, variables)
            assignments: tuple[Assignment, ...] = ()
            if counter % 7 == 0:
                flag = rng.choice(names)
                assignments = (Assignment(flag, names.index(flag), literal_expression(True)),)
            scores = (rng.randint(-2, 2), rng.randint(-2, 2), rng.randint(-1, 2))
            choices.append(Choice(f"choice {counter}", goto, condition, assignments, scores, "why"))
        timer = None
        if timers and i % 4 == 0 and i + 2 < nodes:
            passage = f"p{i}"
            flag = names[i % len(names)]
            built[passage] = Node(
                passage,
                text=f"Time passes at node {i}.",
                assignments=(Assignment(flag, names.index(flag), literal_expression(True)),),
                next=ids[min(nodes - 1, i + 2)],
            )
            timer = Timer(10.0, passage, scores=(-1, 0, 0), feedback="Too slow.")
        built[node_id] = Node(node_id, text=f"Node {i}", choices=tuple(choices), timer=timer)
    outcomes = ("success", "partial", "failure")
    for j, ending_id in enumerate(endings):
        built[ending_id] = Node(ending_id, ending=Ending(f"Ending {j}", outcomes[j % 3]))
    return Scenario(
        id=f"generated-{nodes}",
        title="Generated",
        start=ids[0],
        nodes=built,
        variables=variables,
        content_hash="generated",
    )
