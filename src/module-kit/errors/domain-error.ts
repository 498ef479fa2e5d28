/**
 * What kind of failure an error is, independent of any protocol. The HTTP layer maps it to a status; the
 * transport carries it across processes, so a remote module's error means the same as a local one.
 */
export type ErrorKind = 'invalid' | 'not_found' | 'conflict' | 'unprocessable' | 'unavailable';

/** A failure with a stable, documented code (e.g. ORDER_NOT_FOUND) that clients and modules can rely on. */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly kind: ErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  toJSON(): SerializedDomainError {
    return { code: this.code, kind: this.kind, message: this.message };
  }

  static fromJSON(value: SerializedDomainError): DomainError {
    return new DomainError(value.code, value.kind, value.message);
  }
}

export interface SerializedDomainError {
  code: string;
  kind: ErrorKind;
  message: string;
}

export function isSerializedDomainError(value: unknown): value is SerializedDomainError {
  const candidate = value as Partial<SerializedDomainError> | null;
  return typeof candidate?.code === 'string' && typeof candidate.kind === 'string' && typeof candidate.message === 'string';
}
