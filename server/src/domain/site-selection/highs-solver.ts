/**
 * The MipSolver over HiGHS compiled to WebAssembly (npm `highs`). The caller passes the loader
 * (`() => import('highs').then((h) => h.default())`): loading reads the .wasm file, which a pure
 * module does not do itself.
 *
 * What the WebAssembly build asks of us:
 * - the persistent API takes the column-compressed arrays directly, so no LP text is written
 *   or parsed; every model is disposed in `finally` (garbage collection does not free Wasm
 *   memory, and the heap never shrinks);
 * - the solve is synchronous and single-threaded: it blocks the thread it runs on. Cancelling
 *   works through the solver's interrupt callback, which reads `signal.aborted`; in the same
 *   thread only `onProgress` (called from the solver) can flip it, so a server should run this
 *   in a worker thread and abort from there (see README.md);
 * - an out-of-memory or other Wasm abort leaves the runtime unusable: it is dropped and the next
 *   solve loads a fresh one.
 */
import type { Highs, HighsCallbackMap } from 'highs';
import type { MipModel, MipSolution, MipSolveOptions, MipSolver } from './mip';

const STATUS: Record<number, MipSolution['status']> = {
  7: 'optimal',
  8: 'infeasible',
  9: 'infeasible', // unbounded or infeasible: our models are bounded
  13: 'time_limit',
  17: 'interrupted',
};

export function highsMipSolver(load: () => Promise<Highs>): MipSolver {
  let runtime: Promise<Highs> | null = null;
  return {
    name: 'HiGHS',
    async solve(model: MipModel, options: MipSolveOptions): Promise<MipSolution> {
      runtime ??= load();
      let highs: Highs;
      try {
        highs = await runtime;
      } catch (error) {
        runtime = null;
        throw error;
      }
      options.signal?.throwIfAborted();
      try {
        return solveWith(highs, model, options);
      } catch (error) {
        if (error instanceof WebAssembly.RuntimeError) {
          runtime = null;
          throw new Error(
            `the MIP solver stopped (${error.message}); the model has ${model.colCost.length} columns and ${model.value.length} entries: try the heuristic or a smaller area`,
            { cause: error },
          );
        }
        throw error;
      }
    },
  };
}

function solveWith(highs: Highs, model: MipModel, options: MipSolveOptions): MipSolution {
  const numCols = model.colCost.length;
  const numRows = model.rowLower.length;
  const hasIntegers = model.integer.some((v) => v === 1);
  const instance = highs.createModel({
    numCols,
    numRows,
    sense:
      model.sense === 'max'
        ? highs.constants.objectiveSense.maximize
        : highs.constants.objectiveSense.minimize,
    offset: model.offset,
    colCost: model.colCost,
    colLower: model.colLower,
    colUpper: model.colUpper,
    rowLower: model.rowLower,
    rowUpper: model.rowUpper,
    matrix: {
      format: 'csc',
      numRows,
      numCols,
      starts: model.colStart,
      indices: model.rowIndex,
      values: model.value,
    },
    integrality: hasIntegers ? Int32Array.from(model.integer) : undefined,
  });
  try {
    instance.options.set({
      output_flag: false,
      time_limit: Math.max(0.01, options.timeLimitSec),
      mip_rel_gap: options.relativeGap,
      random_seed: 0,
      presolve: options.presolve === false ? 'off' : 'choose',
      ...(options.lpMethod === 'interior-point' ? { solver: 'ipm', run_crossover: 'on' } : {}),
      // With a start given, the feasibility-jump heuristic only repeats what the caller did.
      ...(options.start ? { mip_heuristic_run_feasibility_jump: false } : {}),
    });
    if (options.start && hasIntegers)
      instance.setSolution({ indices: options.start.cols, values: options.start.values });
    const kind = highs.constants.callbackType;
    const { signal, onProgress } = options;
    let lastIncumbent: number | null = null;
    let lastBound: number | null = null;
    const finite = (x: number | undefined) => (x !== undefined && Number.isFinite(x) ? x : null);
    const callbacks: HighsCallbackMap = {
      [kind.mipInterrupt](event) {
        if (onProgress) {
          const incumbent = finite(event.data.mip_primal_bound);
          const bound = finite(event.data.mip_dual_bound);
          if (incumbent !== lastIncumbent || bound !== lastBound) {
            lastIncumbent = incumbent;
            lastBound = bound;
            onProgress({ incumbent, bound });
          }
        }
        if (signal?.aborted) event.interrupt();
        return undefined;
      },
      [kind.simplexInterrupt](event) {
        if (signal?.aborted) event.interrupt();
        return undefined;
      },
    };
    instance.run(callbacks);
    signal?.throwIfAborted();
    const code = instance.getModelStatus();
    const status = STATUS[code] ?? 'other';
    const feasible = instance.info.get('primal_solution_status') === 2;
    const objective = feasible ? instance.getObjectiveValue() : null;
    let bound: number | null = null;
    if (hasIntegers) bound = finite(instance.info.get('mip_dual_bound') as number);
    if (bound === null && status === 'optimal') bound = objective;
    const solution = feasible ? instance.getSolution() : null;
    const dualFeasible = !hasIntegers && instance.info.get('dual_solution_status') === 2;
    return {
      status,
      objective,
      bound,
      values: solution ? solution.colValue : null,
      rowDual: solution && dualFeasible ? solution.rowDual : null,
      detail: status === 'other' ? `HiGHS model status ${code}` : undefined,
    };
  } finally {
    try {
      instance.dispose();
    } catch {
      // A runtime that aborted cannot free anything; it is dropped by the caller.
    }
  }
}
