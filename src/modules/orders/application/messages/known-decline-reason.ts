import { DeclineReason, DeclineReasons } from '../../../payments/contracts';

/** Version 1's free-text reason, if it is one of the codes; anything else is kept as no reason at all. */
export function knownDeclineReason(reason: string): DeclineReason | undefined {
  return Object.values<string>(DeclineReasons).includes(reason) ? (reason as DeclineReason) : undefined;
}
