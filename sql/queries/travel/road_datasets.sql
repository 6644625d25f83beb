-- road_datasets: the datasets the road network comes from (provenance of every travel time).
-- Inputs: :fictional (the side of the data: server/src/kernel/fiction.ts).
-- Output: id (dataset.id), fictional, one row per road dataset that has edges.
SELECT d.id, d.fictional
FROM dataset d
WHERE d.kind = 'roads' AND d.fictional = :fictional AND EXISTS (SELECT 1 FROM road_edge r WHERE r.dataset_id = d.id)
ORDER BY d.id
