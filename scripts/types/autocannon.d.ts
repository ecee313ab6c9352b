// The parts of autocannon's API that scripts/bench.ts uses (the package ships no types and
// @types/autocannon is not installed).
declare module "autocannon" {
  type Histogram = {
    average: number;
    mean: number;
    total: number;
    p50: number;
    p90: number;
    p99: number;
    max: number;
    min: number;
  };
  export type Result = { requests: Histogram; latency: Histogram; errors: number; timeouts: number; non2xx: number };
  export type Options = Record<string, unknown> & { url: string; connections?: number; duration?: number };
  export default function autocannon(opts: Options): Promise<Result>;
}
