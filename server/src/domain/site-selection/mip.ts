/**
 * A mixed-integer program in column-compressed form, and the solver interface the models are
 * written against: any MIP solver that can take these arrays fits (HiGHS: highs-solver.ts).
 */

export interface MipModel {
  sense: 'min' | 'max';
  /** Constant added to the objective. */
  offset: number;
  colCost: Float64Array;
  colLower: Float64Array;
  colUpper: Float64Array;
  /** 1: integer column; 0: continuous. */
  integer: Uint8Array;
  rowLower: Float64Array;
  rowUpper: Float64Array;
  /** Column-compressed matrix: column j's entries are colStart[j] … colStart[j + 1] − 1. */
  colStart: Int32Array;
  rowIndex: Int32Array;
  value: Float64Array;
}

export interface MipProgress {
  incumbent: number | null;
  bound: number | null;
}

export interface MipSolveOptions {
  timeLimitSec: number;
  relativeGap: number;
  /** Let the solver simplify the model first (default true). */
  presolve?: boolean;
  /** Models without integer columns: 'interior-point' (with a crossover to a basic solution). */
  lpMethod?: 'simplex' | 'interior-point';
  /** A known solution (some columns' values) for the solver to start from. */
  start?: { cols: Int32Array; values: Float64Array };
  signal?: AbortSignal;
  onProgress?: (progress: MipProgress) => void;
}

export interface MipSolution {
  status: 'optimal' | 'time_limit' | 'infeasible' | 'interrupted' | 'other';
  /** Objective of the best solution found, null when none. */
  objective: number | null;
  /** Best proven bound (lower when minimising, upper when maximising). */
  bound: number | null;
  /** Column values of the best solution, null when none. */
  values: Float64Array | null;
  /**
   * A model without integer columns (an LP relaxation): the row duals of the optimum, null
   * otherwise. Sign as the solver gives it; callers that need a proof recompute their bound.
   */
  rowDual?: Float64Array | null;
  /** The solver's own words when status is 'other'. */
  detail?: string;
}

export interface MipSolver {
  readonly name: string;
  solve(model: MipModel, options: MipSolveOptions): Promise<MipSolution>;
}

/** Growable typed arrays: a model of a few million entries is built without boxed numbers. */
class Growable<T extends Float64Array | Int32Array> {
  data: T;
  length = 0;
  constructor(private readonly make: (n: number) => T) {
    this.data = make(1024);
  }
  push(v: number): number {
    if (this.length === this.data.length) {
      const bigger = this.make(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length] = v;
    return this.length++;
  }
  view(): T {
    return this.data.subarray(0, this.length) as T;
  }
}

const f64 = (n: number) => new Float64Array(n);
const i32 = (n: number) => new Int32Array(n);

/** Builds a MipModel from columns, rows and (row, column, value) entries in any order. */
export class MipBuilder {
  private readonly cost = new Growable(f64);
  private readonly lower = new Growable(f64);
  private readonly upper = new Growable(f64);
  private readonly integral = new Growable(i32);
  private readonly rLower = new Growable(f64);
  private readonly rUpper = new Growable(f64);
  private readonly eRow = new Growable(i32);
  private readonly eCol = new Growable(i32);
  private readonly eVal = new Growable(f64);

  get cols(): number {
    return this.cost.length;
  }
  get rows(): number {
    return this.rLower.length;
  }
  get entries(): number {
    return this.eVal.length;
  }

  addCol(cost: number, lower: number, upper: number, integer: boolean): number {
    this.lower.push(lower);
    this.upper.push(upper);
    this.integral.push(integer ? 1 : 0);
    return this.cost.push(cost);
  }

  addRow(lower: number, upper: number): number {
    this.rUpper.push(upper);
    return this.rLower.push(lower);
  }

  /** One coefficient; a (row, column) pair must be given once. */
  set(row: number, col: number, value: number): void {
    this.eRow.push(row);
    this.eCol.push(col);
    this.eVal.push(value);
  }

  build(sense: 'min' | 'max', offset = 0): MipModel {
    const nCols = this.cols;
    const nnz = this.entries;
    const colStart = new Int32Array(nCols + 1);
    const cols = this.eCol.view();
    for (let k = 0; k < nnz; k++) colStart[cols[k] + 1]++;
    for (let j = 0; j < nCols; j++) colStart[j + 1] += colStart[j];
    const fill = colStart.slice(0, nCols);
    const rowIndex = new Int32Array(nnz);
    const value = new Float64Array(nnz);
    const rows = this.eRow.view();
    const vals = this.eVal.view();
    for (let k = 0; k < nnz; k++) {
      const at = fill[cols[k]]++;
      rowIndex[at] = rows[k];
      value[at] = vals[k];
    }
    return {
      sense,
      offset,
      colCost: this.cost.view().slice(),
      colLower: this.lower.view().slice(),
      colUpper: this.upper.view().slice(),
      integer: Uint8Array.from(this.integral.view()),
      rowLower: this.rLower.view().slice(),
      rowUpper: this.rUpper.view().slice(),
      colStart,
      rowIndex,
      value,
    };
  }
}
