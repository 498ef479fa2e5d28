/** A customer as other modules and clients see it. Dates are ISO-8601 strings: plain JSON on any wire. */
export interface CustomerDto {
  id: string;
  name: string;
  email: string;
  createdAt: string;
}

export interface RegisterCustomerInput {
  name: string;
  email: string;
}

export interface UpdateCustomerInput {
  name?: string;
  email?: string;
}
