import type { SiteSelectionProgress } from '../api/types';
import { formatCount, formatDecimal } from './format';

/**
 * What the optimiser's form shows while a run goes on, from its last progress line: the phase
 * in French, the time spent, the best solution and its gap to the bound so far, and the share
 * of the time limit used (the run stops there, so the bar is a true upper bound on what is left).
 */
export interface ProgressView {
  phase: string;
  elapsed: string;
  /** "Meilleure solution : 1 234 enfants couverts", or null before the first. */
  best: string | null;
  /** "écart à la borne : 2,1 %", or null while the bound or the solution is missing. */
  gap: string | null;
  /** 0 to 1 of the time limit, null while the data is read (the limit is not running yet). */
  fraction: number | null;
}

export const PHASE_LABELS: Record<SiteSelectionProgress['phase'], string> = {
  reading: 'Lecture des données et des temps de trajet…',
  prepare: 'Préparation du modèle…',
  heuristic: 'Recherche heuristique…',
  bound: 'Borne…',
  exact: 'Résolution exacte…',
  done: 'Mise en forme du résultat…',
};

function best(model: 'mclp' | 'pmedian' | 'lscp', objective: number): string {
  if (model === 'mclp') return `${formatCount(objective)} enfants couverts`;
  if (model === 'pmedian') return `${formatCount(objective)} enfants × minutes de trajet`;
  return `${formatCount(objective)} nouveaux sites`;
}

export function progressView(
  p: SiteSelectionProgress,
  model: 'mclp' | 'pmedian' | 'lscp',
): ProgressView {
  const seconds = p.elapsed_ms / 1000;
  return {
    phase: PHASE_LABELS[p.phase],
    elapsed: `${formatDecimal(seconds, seconds < 10 ? 1 : 0)} s`,
    best: p.objective === null ? null : `Meilleure solution : ${best(model, p.objective)}`,
    gap: p.gap === null ? null : `écart à la borne : ${formatDecimal(p.gap * 100, 1)} %`,
    fraction: p.phase === 'reading' ? null : Math.min(1, p.elapsed_ms / p.time_limit_ms),
  };
}
