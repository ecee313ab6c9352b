// How every staff list and export reads its rows: newest first (ties by id), one page with the total
// counted under the same filter, or every row in batches of 500 by keyset for the CSV exports.

type Newest = { createdAt?: "desc"; id?: "desc" };
const newestFirst = (): Newest[] => [{ createdAt: "desc" }, { id: "desc" }];

export type Paged<T> = { total: number; page: number; pageSize: number; pages: number; rows: T[] };

/** One page of a list and the count of all rows the filter matches. */
export async function pageOf<T>(
  f: { page: number; pageSize: number },
  count: () => Promise<number>,
  find: (window: { orderBy: Newest[]; skip: number; take: number }) => Promise<T[]>,
): Promise<Paged<T>> {
  const [total, rows] = await Promise.all([
    count(),
    find({ orderBy: newestFirst(), skip: (f.page - 1) * f.pageSize, take: f.pageSize }),
  ]);
  return { total, page: f.page, pageSize: f.pageSize, pages: Math.max(1, Math.ceil(total / f.pageSize)), rows };
}

const BATCH = 500;

/** Every row the filter matches, newest first, a batch of 500 at a time (keyset on id). */
export async function* batchesOf<T extends { id: string }>(
  find: (window: { orderBy: Newest[]; take: number; skip?: number; cursor?: { id: string } }) => Promise<T[]>,
): AsyncGenerator<T[]> {
  let cursor: string | undefined;
  for (;;) {
    const batch = await find({
      orderBy: newestFirst(),
      take: BATCH,
      ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}),
    });
    yield batch;
    if (batch.length < BATCH) return;
    cursor = batch[batch.length - 1]!.id;
  }
}
