import { Injectable } from '@nestjs/common';
import { ModuleName } from '../../module-kit/config/module-name';
import { MODULE_NAMES } from '../module-names';
import { isDatabaseUnavailable } from '../../module-kit/database/postgres-errors';
import { DomainError } from '../../module-kit/errors/domain-error';
import { DeadLetter, DeadLetterSource, newestFirst, positionOf } from '../../platform/messaging/dead-letter';
import { DeadLetterStores } from '../../platform/messaging/dead-letter-stores';
import { decodeCursor, Page, PageRequest, toPage } from '../../module-kit/pagination/page';
import { ModuleClients } from '../../platform/transport/module-clients';

/** A page of dead letters from one module or all of them, with what each module holds and which did not answer. */
export interface DeadLetterPage extends Page<DeadLetter> {
  /** How many dead letters each module that answered holds in all. */
  totals: Partial<Record<ModuleName, number>>;
  /** The modules that could not be asked: their dead letters are missing from this page. */
  unavailable: ModuleName[];
}

/**
 * Every module's dead letters, wherever the module runs: its own store when this process hosts it, its
 * process over the transport otherwise (the same question either way).
 *
 * A list across modules is one newest-first order: each module is asked for the letters before the cursor's
 * position (one more than a page), the answers are merged, and the page ends at its last letter, which is the
 * next cursor. One position serves every module because all are ordered by the same (instant, id).
 */
@Injectable()
export class DeadLetterDirectory {
  constructor(
    private readonly local: DeadLetterStores,
    private readonly clients: ModuleClients,
  ) {}

  /**
   * One module's letters when `module` is given (503 MODULE_UNAVAILABLE if it cannot be asked), else all
   * modules': those that cannot be asked are named in `unavailable` and the page holds the others'.
   */
  async list(module: ModuleName | undefined, page: PageRequest): Promise<DeadLetterPage> {
    const before = decodeCursor(page.cursor);
    const modules = module ? [module] : [...MODULE_NAMES];
    const answers = await Promise.all(
      modules.map((name) =>
        this.source(name)
          .list({ limit: page.limit + 1, before })
          .then(
            (answer) => ({ name, answer }),
            (error: unknown) => {
              if (module || !isUnavailable(error)) throw error;
              return { name, answer: undefined };
            },
          ),
      ),
    );
    const totals: DeadLetterPage['totals'] = {};
    const unavailable: ModuleName[] = [];
    const letters: DeadLetter[] = [];
    for (const { name, answer } of answers) {
      if (!answer) {
        unavailable.push(name);
        continue;
      }
      totals[name] = answer.total;
      letters.push(...answer.items);
    }
    return { ...toPage(letters.sort(newestFirst), page.limit, positionOf, (letter) => letter), totals, unavailable };
  }

  /**
   * Replays the dead letter with this id, whichever module holds it. Not found anywhere: 404, unless a module
   * could not be asked (it may be the one holding it): then that module's 503.
   */
  async replay(id: string): Promise<DeadLetter> {
    const outcomes = await Promise.allSettled(MODULE_NAMES.map((name) => this.source(name).replay(id)));
    const replayed = outcomes.find((outcome): outcome is PromiseFulfilledResult<DeadLetter> => outcome.status === 'fulfilled' && outcome.value !== undefined);
    if (replayed) return replayed.value;
    const failed = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    if (failed) throw failed.reason;
    throw new DomainError('DEAD_LETTER_NOT_FOUND', 'not_found', `No module holds a dead letter ${id}.`);
  }

  private source(module: ModuleName): DeadLetterSource {
    return this.local.get(module) ?? this.clients.get(module);
  }
}

/** A module that cannot answer now (its process, or its database): not a reason to fail the whole list. */
function isUnavailable(error: unknown): boolean {
  return (error instanceof DomainError && error.kind === 'unavailable') || isDatabaseUnavailable(error);
}
