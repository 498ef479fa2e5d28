/** A customer signed up. */
export class CustomerRegisteredEvent {
  constructor(
    readonly customerId: string,
    readonly name: string,
    readonly email: string,
    readonly registeredAt: Date,
  ) {}
}

/** A customer was deleted. */
export class CustomerDeletedEvent {
  constructor(
    readonly customerId: string,
    readonly deletedAt: Date,
  ) {}
}
