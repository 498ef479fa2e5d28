import { Type } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Page } from '../../pagination/page';

/**
 * The OpenAPI schema of a page of `Item`s (`{ items, nextCursor }`), named `<Item>Page`: OpenAPI has no
 * generics, so each list gets a class of its own, e.g. `export class CustomerPage extends PageOf(CustomerResponse) {}`.
 */
export function PageOf<Item>(item: Type<Item>): Type<Page<Item>> {
  class PageOfItems implements Page<Item> {
    @ApiProperty({ type: () => [item] })
    items!: Item[];

    @ApiProperty({ type: 'string', nullable: true, description: 'Pass as `cursor` for the next page; null on the last page' })
    nextCursor!: string | null;
  }
  return PageOfItems;
}
