import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * Security headers on every answer (helmet): a Content Security Policy that lets the dashboard
 * run and nothing else, `nosniff`, no framing, a referrer policy. What each directive allows and
 * why is in docs/security.md.
 *
 * `basemapStyleUrl`: with an online basemap configured, its style names tiles, sprites and glyphs
 * on hosts of its own that cannot be listed in advance: HTTPS images and fetches are allowed then,
 * and only then.
 */
export function securityHeaders({
  basemapStyleUrl,
}: {
  basemapStyleUrl: string | null;
}): RequestHandler {
  const online = basemapStyleUrl ? ['https:'] : [];
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'script-src-attr': ["'none'"],
        // MapLibre's and deck.gl's workers: a module from this origin, or a blob: URL.
        'worker-src': ["'self'", 'blob:'],
        'child-src': ["'self'", 'blob:'],
        // MapLibre and Vue set element styles; the built CSS is a file of this origin.
        'style-src': ["'self'", "'unsafe-inline'"],
        // The PNG export draws from blob: and data: URLs; the favicon is a data: URL.
        'img-src': ["'self'", 'data:', 'blob:', ...online],
        'font-src': ["'self'", 'data:'],
        'connect-src': ["'self'", ...online],
        'object-src': ["'none'"],
        'base-uri': ["'self'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
      },
    },
    // Older browsers' equivalent of frame-ancestors 'none'.
    xFrameOptions: { action: 'deny' },
    // Another site's links get the origin only (never a territory or a selection in the path);
    // online basemap providers, which ask for a referrer, get the origin too.
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    // HTTPS is the TLS terminator's to enforce: over plain HTTP (the default, on loopback) the
    // header means nothing, and behind a proxy it would pin the whole domain for a year.
    strictTransportSecurity: false,
  });
}
