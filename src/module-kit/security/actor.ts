import { ForbiddenException } from '@nestjs/common';

export type Role = 'admin' | 'customer';

/** Who is calling, from a verified token: an admin, or a customer acting for themselves. */
export interface Actor {
  id: string;
  role: Role;
}

/** A customer reaches only their own data; an admin reaches everything. */
export function assertCanAccessCustomer(actor: Actor, customerId: string): void {
  if (actor.role !== 'admin' && actor.id !== customerId) {
    throw new ForbiddenException('This token does not give access to that customer.');
  }
}

export function assertAdmin(actor: Actor): void {
  if (actor.role !== 'admin') throw new ForbiddenException('Only an admin may do this.');
}
