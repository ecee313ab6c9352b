/** A shop page's query string, as Next hands it to the page (a promise of the raw values). */
export type SearchParams = Promise<Record<string, string | undefined>>;

/** The props of a shop page with route parameters `P` and a query string. */
export type RouteProps<P> = { params: Promise<P>; searchParams: SearchParams };
