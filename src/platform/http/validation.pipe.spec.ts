import { BadRequestException } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, ValidateNested } from 'class-validator';
import { createValidationPipe } from './validation.pipe';

class Item {
  @IsInt() quantity!: number;
}

class Body {
  @IsOptional() @IsString() name?: string;
  @IsOptional() @ValidateNested({ each: true }) @Type(() => Item) items?: Item[];
}

const asBody = { type: 'body' as const, metatype: Body };

// Found by test/e2e/bad-input.property.e2e-spec.ts: PATCH with {"__proto__": {...}} was answered 200, the
// field silently dropped, where api.md refuses unknown fields with 400.
describe('the validation pipe', () => {
  it.each([
    ['{"__proto__": {"admin": true}}', '__proto__'],
    ['{"name": "Ada", "constructor": {"prototype": {}}}', 'constructor'],
    ['{"items": [{"quantity": 1, "__proto__": {"x": 1}}]}', 'items.0.__proto__'],
  ])('refuses %s, naming %s', async (json, path) => {
    const pipe = createValidationPipe();

    const refusal = await pipe.transform(JSON.parse(json), asBody).catch((error: unknown) => error);

    expect(refusal).toBeInstanceOf(BadRequestException);
    expect((refusal as BadRequestException).getResponse()).toEqual(expect.objectContaining({ errors: { [path]: [expect.any(String)] } }));
  });

  // Found by test/faults/broker-load.fault-spec.ts: over RabbitMQ the pipe also gets the broker's context (a
  // channel, a large graph of shared objects), and walking it blocked the process.
  it('does not walk what is not an HTTP body or query', async () => {
    let graph: Record<string, unknown> = {};
    for (let i = 0; i < 60; i++) graph = { left: graph, right: graph };
    const pipe = createValidationPipe();

    // Nest's microservices pass their own (numeric) parameter types, and 'custom' for decorators of one's own.
    await expect(pipe.transform(graph, { type: 3 as never })).resolves.toBe(graph);
    await expect(pipe.transform(graph, { type: 'custom' })).resolves.toBe(graph);
  });

  it('still takes a proper body, and still refuses other unknown fields', async () => {
    const pipe = createValidationPipe();

    await expect(pipe.transform({ name: 'Ada', items: [{ quantity: 2 }] }, asBody)).resolves.toEqual({ name: 'Ada', items: [{ quantity: 2 }] });
    await expect(pipe.transform({ nickname: 'A' }, asBody)).rejects.toBeInstanceOf(BadRequestException);
  });
});
