/**
 * Pit solver throughput, in its own process so that `--expose-gc` is available and nothing else shares the heap.
 * Usage: node --expose-gc --import tsx pit-solver.ts <readings> <runs> [case ...]
 * For each case: builds a request of about <readings> scalar readings, serialises it to JSON text, then
 * alternates JSON.parse(text) and solve(parsed) (the `cityloop pit solve` path: text → object → result),
 * with a full GC before each timed step. Prints one `CASE_<key> {json}` line per case, then `DONE {}`.
 */
import { solve } from '../../shared/src/pit/solve';

const [readingsArg = '1000000', runsArg = '7', ...only] = process.argv.slice(2);
const READINGS = Number(readingsArg);
const RUNS = Number(runsArg);
/**
 * Warm-up until V8 has settled: solve runs once per request, and V8 optimizes a big solver function as a whole
 * only after several calls (until then its loops run as on-stack-replacement code, 2–5× slower). At least
 * MIN_WARMUP runs, then until the last three solve times lie within 20 % of each other and of the fastest so far,
 * at most MAX_WARMUP.
 */
const MIN_WARMUP = 3;
const MAX_WARMUP = 16;

const gc = (globalThis as { gc?: () => void }).gc;

/** Deterministic PRNG (mulberry32): the same requests every run. */
const rng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
/** Readings as instruments give them: a fixed number of decimals. */
const fixed = (x: number, decimals: number) => Number(x.toFixed(decimals));
const levels = { yellow: 0.7, orange: 0.85, red: 1 };

/** ISO time with offset, one epoch every `stepMin` minutes from 2024-01-01 08:00 (+08:00). */
const isoTime = (k: number, stepMin: number) => {
  const d = new Date(Date.UTC(2024, 0, 1, 0, 0) + k * stepMin * 60_000 + 8 * 3_600_000);
  return `${d.toISOString().slice(0, 19)}+08:00`;
};

type Case = {
  key: string; what: string; readings: number; request: () => Record<string, unknown>; check: (r: any, n: number) => void;
  /** judge only: builds the §6 result objects from the solved columns (what printing the result adds; not part of solving) */
  objects?: (result: any) => unknown;
};
const valuesObjects = (r: { values: { toArray: () => unknown[] } }) => r.values.toArray();
const ratesObjects = (r: { rates: { toArray: () => unknown[] } }) => r.rates.toArray();

const CASES: Case[] = [
  {
    key: 'judge_values',
    what: 'judge: values only (cumulative mm, 2 decimals, control 30 mm; ~9 % reach yellow or worse)',
    readings: READINGS,
    request: () => {
      const r = rng(1);
      const values = Array.from({ length: READINGS }, () => fixed((r() - 0.5) * 2 * 25 * (r() < 0.1 ? 1.6 : 1), 2));
      return { kind: 'judge', levels, control_value: 30, values };
    },
    check: (r, n) => { if (r.values.length !== n || typeof r.values.at(n - 1).level !== 'string') throw new Error('judge values: bad result'); },
    objects: valuesObjects,
  },
  {
    key: 'judge_rates',
    what: 'judge: rates with rate_control 2 mm/d and consecutive {n: 3, fraction: 0.7}',
    readings: READINGS,
    request: () => {
      const r = rng(2);
      const rates = Array.from({ length: READINGS }, () => fixed((r() - 0.5) * 2 * 1.6 * (r() < 0.2 ? 1.5 : 1), 2));
      return { kind: 'judge', levels, control_value: 30, rates, rate_control: 2, consecutive: { n: 3, fraction: 0.7 } };
    },
    check: (r, n) => { if (r.rates.length !== n || typeof r.rates.at(n - 1).final_level !== 'string') throw new Error('judge rates: bad result'); },
    objects: ratesObjects,
  },
  {
    key: 'series',
    what: 'series: unit m, 4 initial readings, epochs [{time (ISO, +08:00), value (m, 5 decimals)}], one reading per epoch',
    readings: READINGS,
    request: () => {
      const r = rng(3);
      const initial = [10.12345, 10.12351, 10.12342, 10.12348];
      let h = 10.12346;
      const epochs = Array.from({ length: READINGS - initial.length }, (_, k) => {
        h -= r() * 0.00002;
        return { time: isoTime(k, 1), value: fixed(h, 5) };
      });
      return { kind: 'series', unit: 'm', initial, epochs };
    },
    check: (r, n) => { if (r.epochs.length !== n - 4) throw new Error('series: bad result'); },
  },
  {
    key: 'inclinometer',
    what: 'inclinometer: initial + previous + current surveys, A0 and A180 per depth (6 readings per depth), 0.5 m interval',
    readings: READINGS,
    request: () => {
      const r = rng(4);
      const n = Math.round(READINGS / 6);
      const depths_m = Array.from({ length: n }, (_, i) => (i + 1) * 0.5);
      const survey = (time: string, drift: number) => {
        const A0 = new Array<number>(n);
        const A180 = new Array<number>(n);
        for (let i = 0; i < n; i++) {
          const dev = 0.4 + drift * (1 - i / n) + (r() - 0.5) * 0.02;
          const bias = 0.3 + (r() - 0.5) * 0.04;
          A0[i] = fixed(dev + bias, 2);
          A180[i] = fixed(-dev + bias, 2);
        }
        return { time, A0, A180 };
      };
      return { kind: 'inclinometer', interval_m: 0.5, depths_m, initial: survey('2024-05-01T09:00', 0), previous: survey('2024-05-09T09:00', 0.02), current: survey('2024-05-10T09:00', 0.025) };
    },
    check: (r, n) => { if (r.displacement_mm.length !== Math.round(n / 6) || r.rate_mm_per_day.length !== Math.round(n / 6)) throw new Error('inclinometer: bad result'); },
  },
];

const now = () => process.hrtime.bigint();
const ms = (a: bigint, b: bigint) => Number(b - a) / 1e6;
const median = (xs: number[]) => {
  const a = [...xs].sort((x, y) => x - y);
  const m = a.length >> 1;
  return a.length % 2 ? a[m] : (a[m - 1] + a[m]) / 2;
};

/** CPU time of this process (user + system, ms): robust to other processes on a busy machine; includes page faults. */
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const faults = () => process.resourceUsage().minorPageFault;

for (const c of CASES) {
  if (only.length && !only.includes(c.key)) continue;
  const text = JSON.stringify(c.request());
  const wall = { parse: [] as number[], solve: [] as number[], floor: [] as number[] };
  const cpuMs = { parse: [] as number[], solve: [] as number[], floor: [] as number[] };
  const pageFaults = { parse: [] as number[], solve: [] as number[] };
  let resultBytes = 0;
  let cold = { parse_wall_ms: 0, solve_wall_ms: 0, parse_cpu_ms: 0, solve_cpu_ms: 0 };
  const warmSolve: number[] = [];
  let WARMUP = MAX_WARMUP;
  for (let i = 0; i < WARMUP + RUNS; i++) {
    gc?.();
    let f0 = faults();
    let c0 = cpu();
    const t0 = now();
    const parsed = JSON.parse(text);
    const t1 = now();
    const parseCpu = cpu() - c0;
    const parseFaults = faults() - f0;
    gc?.();
    f0 = faults();
    c0 = cpu();
    const t2 = now();
    const result = solve(parsed);
    const t3 = now();
    const solveCpu = cpu() - c0;
    const solveFaults = faults() - f0;
    c.check(result, c.readings);
    if (i < WARMUP) {
      warmSolve.push(solveCpu);
      const last = warmSolve.slice(-3);
      if (warmSolve.length >= MIN_WARMUP && Math.max(...last) <= 1.2 * Math.min(...last) && Math.min(...last) <= 1.2 * Math.min(...warmSolve)) WARMUP = i + 1;
    }
    if (i === 0) {
      resultBytes = JSON.stringify(result).length;
      cold = { parse_wall_ms: ms(t0, t1), solve_wall_ms: ms(t2, t3), parse_cpu_ms: parseCpu, solve_cpu_ms: solveCpu };
    }
    if (c.objects && i >= WARMUP - 2) {
      gc?.();
      const c4 = cpu();
      const t4 = now();
      c.objects(result);
      const t5 = now();
      if (i >= WARMUP) {
        wall.floor.push(ms(t4, t5));
        cpuMs.floor.push(cpu() - c4);
      }
    }
    if (i >= WARMUP) {
      wall.parse.push(ms(t0, t1));
      wall.solve.push(ms(t2, t3));
      cpuMs.parse.push(parseCpu);
      cpuMs.solve.push(solveCpu);
      pageFaults.parse.push(parseFaults);
      pageFaults.solve.push(solveFaults);
    }
  }
  const perRun = (a: number[], b: number[]) => median(a.map((x, i) => x / b[i]));
  process.stdout.write(`CASE_${c.key} ${JSON.stringify({
    key: c.key, what: c.what, readings: c.readings, request_bytes: text.length, result_json_bytes: resultBytes,
    runs: RUNS, warmup: WARMUP, warmup_solve_cpu_ms: warmSolve, gc_between: Boolean(gc),
    wall_ms: wall, cpu_ms: cpuMs,
    parse_wall_median_ms: median(wall.parse), solve_wall_median_ms: median(wall.solve),
    parse_cpu_median_ms: median(cpuMs.parse), solve_cpu_median_ms: median(cpuMs.solve),
    wall_ratio_of_medians: median(wall.solve) / median(wall.parse), wall_ratio_median_per_run: perRun(wall.solve, wall.parse),
    cpu_ratio_of_medians: median(cpuMs.solve) / median(cpuMs.parse), cpu_ratio_median_per_run: perRun(cpuMs.solve, cpuMs.parse),
    page_faults_median: { parse: median(pageFaults.parse), solve: median(pageFaults.solve) },
    ...(c.objects ? { floor_cpu_median_ms: median(cpuMs.floor), floor_wall_median_ms: median(wall.floor), floor_cpu_ratio_to_parse: median(cpuMs.floor) / median(cpuMs.parse) } : {}),
    cold,
  })}\n`);
}
process.stdout.write('DONE {}\n');
