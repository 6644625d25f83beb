import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { API_ENDPOINTS, territoryProperties } from '../../../contract';
import { expectContract } from '../../test/contract';
import { openApiDocument } from './openapi';

/** Every example the contract documents, with the schema it must satisfy. */
function documentedExamples() {
  const examples: { where: string; schema: z.ZodType; example: unknown }[] = [];
  for (const e of API_ENDPOINTS) {
    const at = `${e.method.toUpperCase()} ${e.path}`;
    const { params, query, body } = e.request ?? {};
    if (body?.example !== undefined)
      examples.push({ where: `${at} body`, schema: body.schema, example: body.example });
    if (e.parameterExamples) {
      // The parameters of each part, validated together as a request would carry them.
      for (const [part, schema] of [
        ['path', params],
        ['query', query],
      ] as const) {
        if (!schema) continue;
        const names = Object.keys(schema.shape);
        const values = Object.fromEntries(
          Object.entries(e.parameterExamples).filter(([name]) => names.includes(name)),
        );
        examples.push({
          where: `${at} ${part} parameters`,
          schema: schema.partial(),
          example: values,
        });
      }
    }
    for (const [status, response] of Object.entries(e.responses)) {
      for (const [type, content] of Object.entries(response.content ?? {})) {
        if (content.example === undefined) continue;
        if (!content.schema) throw new Error(`${at} ${status} ${type}: an example without schema`);
        examples.push({
          where: `${at} ${status} ${type}`,
          schema: content.schema,
          example: content.example,
        });
      }
    }
  }
  return examples;
}

/** How many `example` values the document holds, anywhere. */
function countExamples(node: unknown): number {
  if (Array.isArray(node)) return node.reduce((n: number, x) => n + countExamples(x), 0);
  if (node === null || typeof node !== 'object') return 0;
  return Object.entries(node).reduce(
    (n, [key, value]) => n + (key === 'example' || key === 'examples' ? 1 : countExamples(value)),
    0,
  );
}

describe('the API contract and its OpenAPI document', () => {
  const document = openApiDocument();

  it('every documented example validates against its schema', () => {
    const examples = documentedExamples();
    expect(examples.length).toBeGreaterThan(20);
    for (const { where, schema, example } of examples) {
      expect(() => expectContract(schema, example), where).not.toThrow();
    }
  });

  it('the document shows no example the contract test has not checked', () => {
    const parameterExamples = API_ENDPOINTS.reduce(
      (n, e) => n + Object.keys(e.parameterExamples ?? {}).length,
      0,
    );
    const bodyAndAnswerExamples = documentedExamples().filter(
      (x) => !x.where.endsWith('parameters'),
    ).length;
    expect(countExamples(document)).toBe(parameterExamples + bodyAndAnswerExamples);
  });

  it('a broken example is caught, naming the field', () => {
    const answer = API_ENDPOINTS.find((e) => e.path === '/api/territories')!.responses[200]
      .content!['application/geo+json'];
    const example = structuredClone(answer.example) as {
      features: { properties: Record<string, unknown> }[];
    };
    delete example.features[0].properties.coverage_rate;
    expect(() => expectContract(answer.schema!, example)).toThrow(
      /features\.0\.properties\.coverage_rate/,
    );
  });

  it('lists every endpoint, its parameters and its answers, generated from the schemas', () => {
    expect(document.openapi).toBe('3.1.0');
    for (const e of API_ENDPOINTS) {
      expect(document.paths?.[e.path]?.[e.method], `${e.method} ${e.path}`).toBeDefined();
    }
    const list = document.paths!['/api/territories'].get!;
    expect(list.parameters).toContainEqual({
      name: 'level',
      in: 'query',
      required: true,
      schema: { type: 'string', enum: ['commune', 'epci', 'ept', 'departement'] },
      example: 'epci',
    });
    expect(list.responses!['200']).toMatchObject({
      content: {
        'application/geo+json': { schema: { $ref: '#/components/schemas/TerritoryCollection' } },
      },
    });
    // The served properties, as the schema lists them: a field added there appears here.
    const properties = document.components!.schemas!.TerritoryProperties as {
      properties: Record<string, unknown>;
      required: string[];
      additionalProperties: boolean;
    };
    expect(Object.keys(properties.properties)).toEqual(Object.keys(territoryProperties.shape));
    expect(properties.required).toContain('coverage_rate');
    expect(properties.required).not.toContain('label_point');
    expect(properties.additionalProperties).toBe(false);
    const error = document.paths!['/api/isochrones'].post!.responses!['400'];
    expect(error).toMatchObject({
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
    });
  });
});
