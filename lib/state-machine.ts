// What every state machine shares (orders, payments, refunds; bills use the table type): a table of
// named edges, each from a set of source states to one target, and the check that a move is in the
// table. The writes themselves stay in each domain's state module (one writer per state machine).

export type Edge<S extends string> = { from: readonly S[]; to: S };

export class ForbiddenTransition extends Error {
  constructor(machine: string, edge: string, detail: string) {
    super(`${machine}: forbidden transition "${edge}" (${detail})`);
    this.name = "ForbiddenTransition";
  }
}

/** The states a compare-and-set may move from: the edge's sources, or `only` (a subset: anything else throws). */
export function sourcesFor<S extends string>(
  machine: string,
  edges: Record<string, Edge<S>>,
  edge: string,
  only?: readonly S[],
): S[] {
  const e = edges[edge];
  if (!e) throw new ForbiddenTransition(machine, edge, "no such edge");
  if (!only) return [...e.from];
  const bad = only.filter((s) => !e.from.includes(s));
  if (bad.length) throw new ForbiddenTransition(machine, edge, `${bad.join(", ")} → ${e.to} is not in the table`);
  return [...only];
}

/** A transition's options: narrower source states, the fields written with the status, the timeline event. */
export type TransitionOptions<S extends string, Data, Event> = { only?: readonly S[]; data?: Data; event: Event };

/**
 * One move along `edge`: `write` compare-and-sets the row from the source states to the target (in the
 * caller's transaction) and, only when it moved, `record` appends the timeline event. Whether it moved.
 */
export async function moveAlong<S extends string>(
  machine: string,
  edges: Record<string, Edge<S>>,
  edge: string,
  only: readonly S[] | undefined,
  write: (from: S[], to: S) => Promise<{ count: number }>,
  record: (to: S) => Promise<unknown>,
): Promise<boolean> {
  const from = sourcesFor(machine, edges, edge, only);
  const to = edges[edge]!.to;
  if ((await write(from, to)).count === 0) return false;
  await record(to);
  return true;
}
