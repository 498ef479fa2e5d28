import { INestApplication } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { OpenAPIObject } from '@nestjs/swagger';
import { IS_PUBLIC } from '../../../module-kit/security/decorators';
import { operationsOf } from './operations';

/**
 * Public routes need no token: their operations get `security: []` (the document asks for the bearer
 * token everywhere else). Which routes are public is read from the same @Public() metadata that the
 * JwtAuthGuard reads, so the document cannot say otherwise than the guard does.
 */
export function markPublicOperations(document: OpenAPIObject, app: INestApplication): void {
  const publicIds = publicOperationIds(app);
  for (const { operation } of operationsOf(document)) {
    if (operation.operationId && publicIds.has(operation.operationId)) operation.security = [];
  }
}

/** Swagger names each operation `<Controller>_<method>`. */
function publicOperationIds(app: INestApplication): Set<string> {
  const ids = new Set<string>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const { metatype } of module.controllers.values()) {
      if (typeof metatype !== 'function') continue;
      const classIsPublic = Reflect.getMetadata(IS_PUBLIC, metatype) === true;
      for (const name of Object.getOwnPropertyNames(metatype.prototype)) {
        const handler: unknown = Object.getOwnPropertyDescriptor(metatype.prototype, name)?.value;
        if (name === 'constructor' || typeof handler !== 'function') continue;
        if (classIsPublic || Reflect.getMetadata(IS_PUBLIC, handler) === true) ids.add(`${metatype.name}_${name}`);
      }
    }
  }
  return ids;
}
