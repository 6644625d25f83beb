/**
 * What every model's flow shares: the options made definite, the time budget, progress,
 * cancelling, the notes that go into the answer, and the shape each flow returns.
 */
import type { Evaluation } from './evaluate';
import type { MipSolution } from './mip';
import type { SiteSelectionOptions, SiteSelectionProgress } from './types';

/** Least time between two progress calls of the same phase (milliseconds). */
export const PROGRESS_INTERVAL_MS = 250;

export interface Outcome {
  method: 'exact' | 'heuristic';
  optimal: boolean;
  stoppedBy: 'time_limit' | 'size' | null;
  bound: number;
  evaluation: Evaluation;
  coveredByFixed: number | null;
  mipRows: number;
  mipCols: number;
}

export class SolveContext {
  readonly notes: string[] = [];
  readonly timeLimitSec: number;
  readonly relativeGap: number;
  readonly maxExactNonzeros: number;
  readonly method: 'auto' | 'exact' | 'heuristic';
  private readonly startedMs: number | null;
  private lastPhase: SiteSelectionProgress['phase'] | null = null;
  private lastMs: number | null = null;
  private lastIncumbent: number | null = null;
  private lastBound: number | null = null;

  constructor(private readonly options: SiteSelectionOptions) {
    this.timeLimitSec = options.timeLimitSec ?? 60;
    this.relativeGap = options.relativeGap ?? 1e-6;
    this.maxExactNonzeros = options.maxExactNonzeros ?? 2_500_000;
    this.method = options.method ?? 'auto';
    this.startedMs = options.clock ? options.clock() : null;
  }

  get signal(): AbortSignal | undefined {
    return this.options.signal;
  }

  /** Seconds left for the exact solve: the whole limit when no clock was given. */
  remainingSec(): number {
    if (this.startedMs === null || !this.options.clock) return this.timeLimitSec;
    return Math.max(0, this.timeLimitSec - (this.options.clock() - this.startedMs) / 1000);
  }

  /** For loops of the heuristics and bounds: false once cancelled or out of time. */
  readonly keepGoing = (): boolean => !this.options.signal?.aborted && this.remainingSec() > 0;

  checkpoint(): void {
    this.options.signal?.throwIfAborted();
  }

  progress(phase: SiteSelectionProgress['phase'], incumbent: number | null, bound: number | null) {
    const { onProgress, clock } = this.options;
    if (!onProgress) return;
    const elapsedMs = clock && this.startedMs !== null ? clock() - this.startedMs : null;
    // Within a phase (the MIP's callbacks), a few calls a second are enough for a person; a
    // first incumbent or bound is always worth a call.
    const first =
      (incumbent !== null && this.lastIncumbent === null) ||
      (bound !== null && this.lastBound === null);
    if (phase === this.lastPhase && !first && elapsedMs !== null && this.lastMs !== null)
      if (elapsedMs - this.lastMs < PROGRESS_INTERVAL_MS) return;
    this.lastPhase = phase;
    this.lastMs = elapsedMs;
    if (incumbent !== null) this.lastIncumbent = incumbent;
    if (bound !== null) this.lastBound = bound;
    const gap =
      incumbent === null || bound === null
        ? null
        : incumbent === bound
          ? 0
          : Math.abs(incumbent - bound) / Math.max(Math.abs(incumbent), 1e-12);
    onProgress({ phase, incumbent, bound, gap, elapsedMs });
  }

  /** Try the exact solve? `entries`: the MIP's size (matrix entries). */
  wantsExact(entries: number): boolean {
    if (this.method === 'exact') return true;
    if (this.method === 'heuristic') return false;
    if (entries <= this.maxExactNonzeros) return true;
    this.notes.push(
      `the exact model would have ${entries.toLocaleString('en')} matrix entries (limit ${this.maxExactNonzeros.toLocaleString('en')}): solved by the heuristic`,
    );
    return false;
  }

  /**
   * Options of a solver call. Called as the solve starts: its phase begins (the solver's
   * callbacks come only on news), with the best solution and bound known so far. A solve that
   * serves the bound (an LP relaxation, a MIP on a subset of sites) stays in that phase and
   * passes on none of its own figures, which are not the whole problem's.
   */
  mipOptions(
    start?: { cols: Int32Array; values: Float64Array },
    phase: 'bound' | 'exact' = 'exact',
  ) {
    this.progress(phase, this.lastIncumbent, this.lastBound);
    return {
      timeLimitSec: this.remainingSec(),
      relativeGap: this.relativeGap,
      start,
      signal: this.options.signal,
      onProgress:
        phase === 'exact'
          ? (p: { incumbent: number | null; bound: number | null }) =>
              this.progress('exact', p.incumbent, p.bound)
          : undefined,
    };
  }

  /** A note when the exact solve stopped at the time limit. */
  timeLimitNote(solution: MipSolution, kept: 'solver' | 'heuristic'): void {
    this.notes.push(
      `the exact solve reached the time limit (${this.timeLimitSec} s) before proving optimality; ` +
        (kept === 'solver'
          ? 'the answer is the best solution the MIP solver had found'
          : 'the heuristic solution was as good or better than the MIP solver’s best') +
        (solution.bound !== null ? ', with the solver’s bound' : ''),
    );
  }
}

/** y columns of an open set, as a solver start. */
export function startFromOpen(open: Uint8Array, yCol: Int32Array) {
  const cols: number[] = [];
  const values: number[] = [];
  for (let j = 0; j < yCol.length; j++) {
    if (yCol[j] < 0) continue;
    cols.push(yCol[j]);
    values.push(open[j] ? 1 : 0);
  }
  return { cols: Int32Array.from(cols), values: Float64Array.from(values) };
}

/** The open set a MIP solution chose. */
export function openFromValues(values: Float64Array, yCol: Int32Array): Uint8Array {
  const open = new Uint8Array(yCol.length);
  for (let j = 0; j < yCol.length; j++) if (yCol[j] >= 0 && values[yCol[j]] > 0.5) open[j] = 1;
  return open;
}
