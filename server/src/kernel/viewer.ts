/**
 * Who is looking at an answer, as far as what it may show is concerned. There are no accounts
 * yet: every viewer is public. A signed-in planner will be given `exactChildminderFigures`
 * by `viewerOf` (server/src/http/viewer.ts), the one place that decides it.
 */
export interface Viewer {
  /** Childminder figures below the secrecy threshold shown as they are (never for the public). */
  exactChildminderFigures: boolean;
}

export const PUBLIC_VIEWER: Viewer = Object.freeze({ exactChildminderFigures: false });
