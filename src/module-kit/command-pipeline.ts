import { OnModuleInit, Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { UnitOfWork } from './unit-of-work';

/** A command (or query) handler as the pipeline sees it. */
interface UseCaseHandler {
  execute(command: object): Promise<unknown>;
  /** Checks made before the unit of work opens, when a handler has any (a call to another module). */
  validate?(command: object): Promise<void>;
}

/**
 * Runs each handler a module lists (`useCases` in ModuleInfrastructureModule.forModule) inside the module's
 * unit of work: the one place where transactions, idempotency keys and the outbox are applied. A handler is
 * left to read as its use case (load, call the domain, save); the command bus calls the same `execute` it
 * always did, now decorated.
 */
export class CommandPipeline implements OnModuleInit {
  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly unitOfWork: UnitOfWork,
    private readonly handlers: ReadonlyArray<Type<object>>,
  ) {}

  onModuleInit(): void {
    for (const type of this.handlers) {
      // The handlers are the host module's providers, one level above the kit's own module.
      const handler = this.moduleRef.get<UseCaseHandler>(type as Type<UseCaseHandler>, { strict: false });
      const execute = handler.execute.bind(handler);
      const validate = handler.validate?.bind(handler);
      handler.execute = (command) => this.unitOfWork.run(command, () => execute(command), validate && (() => validate(command)));
    }
  }
}
