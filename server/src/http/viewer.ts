import type { Request } from 'express';
import { PUBLIC_VIEWER, type Viewer } from '../kernel';

/**
 * The viewer of a request: the single place where a signed-in planner will be recognised and
 * given exact childminder figures. Without accounts, everyone is the public.
 */
export function viewerOf(_req: Request): Viewer {
  return PUBLIC_VIEWER;
}
