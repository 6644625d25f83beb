import fs from 'node:fs';
import { Unavailable } from '../../../domain/errors';

/** Where Debian and Ubuntu put Chromium; `BERCEAU_CHROMIUM` names another binary. */
export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * The Chromium binary the PDF is rendered with: the configured one, else Debian's. Throws a
 * 503 (`pdf_unavailable`) naming the path tried when there is none, so that a server without a
 * browser still answers everything else.
 */
export function chromiumPath(configured: string | null | undefined): string {
  const candidate = configured ?? DEFAULT_CHROMIUM_PATH;
  if (fs.existsSync(candidate)) return candidate;
  throw new Unavailable(
    `PDF indisponible : Chromium introuvable (${candidate}). Imprimez la page /rapport depuis le navigateur, ou installez Chromium / définissez BERCEAU_CHROMIUM. ` +
      `PDF unavailable: no Chromium at ${candidate}; print /rapport from a browser, or install Chromium / set BERCEAU_CHROMIUM.`,
    { code: 'pdf_unavailable' },
  );
}
