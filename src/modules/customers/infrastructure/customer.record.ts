import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A row of customers.customers. Deleted customers stay, marked, so that their history keeps its meaning. */
@Entity({ schema: 'customers', name: 'customers' })
export class CustomerRecord {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text')
  name!: string;

  @Column('text')
  email!: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'deleted_at', nullable: true })
  deletedAt!: Date | null;
}
