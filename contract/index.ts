/**
 * The API contract: request and answer schemas written once (zod), from which the server
 * validates, the OpenAPI document is generated and the client's types are derived. Imports zod
 * only: the client imports it with `import type`, so no schema enters its bundle.
 */
export * from './accessibility';
export * from './accounts';
export * from './childminders';
export * from './common';
export * from './endpoints';
export * from './facilities';
export * from './gap-zones';
export * from './gap-zone-review';
export * from './forecast';
export * from './geojson';
export * from './health';
export * from './imports';
export * from './report';
export * from './site-card';
export * from './site-selection';
export * from './scenario';
export * from './saved-scenarios';
export * from './territories';
export * from './tiles';
export * from './travel';
export type * from './types';
