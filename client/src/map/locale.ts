/** French texts of MapLibre's own controls (titles and ARIA labels). */
export const MAPLIBRE_LOCALE_FR: Record<string, string> = {
  'AttributionControl.ToggleAttribution': 'Afficher ou masquer les crédits',
  'AttributionControl.MapFeedback': 'Signaler un problème de carte',
  'Map.Title': 'Carte (flèches pour se déplacer, + et − pour zoomer)',
  'NavigationControl.ResetBearing': 'Remettre le nord en haut',
  'NavigationControl.ZoomIn': 'Zoomer',
  'NavigationControl.ZoomOut': 'Dézoomer',
  'Popup.Close': 'Fermer',
  'ScaleControl.Meters': 'm',
  'ScaleControl.Kilometers': 'km',
};
