import { AccountDto } from '../contracts/payments.dto';
import { Account } from '../domain/account';

export function toAccountDto(account: Account): AccountDto {
  return { customerId: account.customerId, balanceCents: account.balanceCents, version: account.version };
}
