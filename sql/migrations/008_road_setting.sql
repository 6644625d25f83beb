-- 008: a road's setting (built-up area or open country), and what its stored speed means.
--
-- Car times now come from a free-flow speed by road class and setting, capped by the road's
-- speed limit (server/src/domain/routing/car-speeds.ts). `speed_kmh` is that limit: the posted
-- `maxspeed` of OpenStreetMap, else the limit assumed for the class when the road was written
-- (the importer's defaults, the demo's). Rows written before keep their value, now read as a
-- limit: it was the posted `maxspeed` or an assumed limit already.
--
-- `setting` is filled when the data say it (OpenStreetMap's `maxspeed=FR:urban|FR:rural`,
-- `source:maxspeed`, `zone:maxspeed`, `zone:traffic`; living streets; the demo). NULL: the
-- routing graph derives it from the road density around the road when it is built.

ALTER TABLE road_edge ADD COLUMN setting text CHECK (setting IN ('urban', 'rural'));

COMMENT ON COLUMN road_edge.speed_kmh IS
  'speed limit, km/h: posted (OSM maxspeed) or assumed for the class; a cap on the car speed, not a travel speed';
COMMENT ON COLUMN road_edge.setting IS
  'urban (built-up area) or rural (open country) when the data say so; NULL: derived from the road density';
