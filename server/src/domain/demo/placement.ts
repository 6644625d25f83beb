/**
 * Where a facility or a childminder sits in its commune: near the village centre, inside the
 * disc of `clearRadiusKm` around the chef-lieu, which lies inside the commune polygon by
 * construction (see borders.ts), so every point is inside its commune; and inside its built-up
 * area (`builtRadiusKm`) when it is smaller: where the people are.
 */
import type { LocalFrame } from './frame';
import type { Random } from './random';
import type { CommuneLayout } from './settlements';
import type { Position } from './types';

/**
 * A position in commune `i`, at a distance from the chef-lieu drawn from a half-normal of
 * scale `spread` × the radius (0.3: in the centre; 0.6: spread over the village), capped at
 * 90% of the radius.
 */
export function positionInCommune(
  layout: CommuneLayout,
  i: number,
  frame: LocalFrame,
  random: Random,
  spread: number,
): Position {
  const radius = Math.min(layout.clearRadiusKm[i], layout.builtRadiusKm?.[i] ?? Infinity);
  const r = radius * Math.min(0.9, Math.abs(random.normal(0, spread)));
  const a = random.range(0, 2 * Math.PI);
  return frame.toPosition(layout.x[i] + r * Math.cos(a), layout.y[i] + r * Math.sin(a));
}
